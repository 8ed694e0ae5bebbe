/**
 * The ops view of stored connections: one row per connection with its health and the problem
 * behind a Failing one, last test, last and next scheduled check, token status and client secret age. Reads only non-secret columns; whether a refresh token exists is
 * counted in the database, so no ciphertext is even loaded.
 */
import { prisma as db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/db/generated/client";
import { sql, runRawQuery } from "@/lib/db/raw-sql";
import type { InventoryFilter } from "@/lib/schemas/inventory-filter";
import { disjointInventoryWheres, inventoryPageIds } from "@/lib/inventory/inventory-page-ids";
import { parseHealthProblem, type HealthProblem } from "@/lib/connections/health-problem";
import { daysUntilExpiry, expiryDateText } from "@/lib/connections/secret-expiry";
import { soonestExpiry, type ExpiringCredential } from "@/lib/connections/credential-expiry";
import { listColumnsOf } from "@/lib/connections/list-connections";

const DAY_MS = 24 * 60 * 60 * 1000;
export const INVENTORY_PAGE_SIZE = 50;

export type TokenStatus = {
  /** Stored token sets (the shared one, or one per user). */
  count: number;
  expiredCount: number;
  /** Latest expiry across the sets; null when none carries one. */
  validUntil: string | null;
  refreshTokenPresent: boolean;
  lastRefreshedAt: string | null;
  /** When the token API last served one of the sets. */
  lastServedAt: string | null;
  /** Sets the provider rejected at refresh: they need a new authorization. */
  needsReauthorizationCount: number;
  /** Client credentials: the cached token is fetched again on the next request, so its expiry is no alarm. */
  fetchedOnDemand: boolean;
};

export type InventoryRow = {
  id: string;
  name: string;
  providerType: string;
  grantType: string;
  status: string;
  enabled: boolean;
  health: string;
  /** Why a Failing connection fails (test, token API or background refresh); null when it is not Failing or went Failing before this was kept. */
  problem: HealthProblem | null;
  lastTestedAt: string | null;
  lastTestStatus: string | null;
  /** The scheduled check (lib/connection-tests/scheduled-checks.ts): off | hourly | daily. */
  checkSchedule: string;
  lastCheckAt: string | null;
  /** Null when no check is scheduled (off, a draft, disabled), or its time is not set yet. */
  nextCheckAt: string | null;
  token: TokenStatus;
  clientSecretSetAt: string | null;
  clientSecretAgeDays: number | null;
  /** The secret's expiry date (YYYY-MM-DD) and whole days until it (negative once passed), or null. */
  clientSecretExpiresOn: string | null;
  clientSecretExpiresInDays: number | null;
  /** The client certificate's (a key's or the mTLS one) notAfter day and whole days until it, or null. */
  clientCertificateExpiresOn: string | null;
  clientCertificateExpiresInDays: number | null;
  /** The credential that expires first, for the "Expires" column. */
  expiry: { credential: ExpiringCredential; expiresOn: string; inDays: number } | null;
  createdBy: string | null;
  createdAt: string;
  updatedBy: string | null;
  updatedAt: string;
};

const ROW_SELECT = {
  id: true,
  name: true,
  providerType: true,
  grantType: true,
  status: true,
  enabled: true,
  health: true,
  healthProblem: true,
  lastTestedAt: true,
  lastTestRunId: true,
  checkSchedule: true,
  lastCheckAt: true,
  nextCheckAt: true,
  clientSecretSetAt: true,
  clientSecretExpiresAt: true,
  clientCertificateExpiresAt: true,
  createdAt: true,
  updatedAt: true,
  createdBy: { select: { email: true } },
  updatedBy: { select: { email: true } },
  tokenSets: { select: { expiresAt: true, refreshedAt: true, lastServedAt: true, state: true } },
} satisfies Prisma.ConnectionSelect;

type SelectedConnection = Prisma.ConnectionGetPayload<{ select: typeof ROW_SELECT }>;

function latest(dates: (Date | null)[]): Date | null {
  return dates.reduce<Date | null>((max, d) => (d && (!max || d > max) ? d : max), null);
}

/** What a row shows beside the connection's own columns, read for the whole page at once. */
type PageFacts = { lastTestStatus: string | null; refreshTokenPresent: boolean };

function toRow(c: SelectedConnection, facts: PageFacts, now: Date): InventoryRow {
  const validUntil = latest(c.tokenSets.map((t) => t.expiresAt));
  const lastRefreshedAt = latest(c.tokenSets.map((t) => t.refreshedAt));
  // Only an active, enabled connection is checked, whatever its schedule says.
  const scheduled = c.status === "ACTIVE" && c.enabled && c.checkSchedule !== "off";
  const soonest = soonestExpiry(c);
  return {
    ...listColumnsOf(c),
    problem: c.health === "FAILING" ? parseHealthProblem(c.healthProblem) : null,
    lastTestStatus: facts.lastTestStatus,
    checkSchedule: scheduled ? c.checkSchedule : "off",
    lastCheckAt: c.lastCheckAt?.toISOString() ?? null,
    nextCheckAt: scheduled ? (c.nextCheckAt?.toISOString() ?? null) : null,
    token: {
      count: c.tokenSets.length,
      expiredCount: c.tokenSets.filter((t) => t.expiresAt && t.expiresAt < now).length,
      validUntil: validUntil?.toISOString() ?? null,
      refreshTokenPresent: facts.refreshTokenPresent,
      lastRefreshedAt: lastRefreshedAt?.toISOString() ?? null,
      lastServedAt: latest(c.tokenSets.map((t) => t.lastServedAt))?.toISOString() ?? null,
      needsReauthorizationCount: c.tokenSets.filter((t) => t.state === "NEEDS_REAUTHORIZATION").length,
      fetchedOnDemand: c.grantType === "client_credentials",
    },
    clientSecretSetAt: c.clientSecretSetAt?.toISOString() ?? null,
    clientSecretAgeDays: c.clientSecretSetAt
      ? Math.floor((now.getTime() - c.clientSecretSetAt.getTime()) / DAY_MS)
      : null,
    clientSecretExpiresOn: c.clientSecretExpiresAt ? expiryDateText(c.clientSecretExpiresAt) : null,
    clientSecretExpiresInDays: c.clientSecretExpiresAt ? daysUntilExpiry(c.clientSecretExpiresAt, now) : null,
    clientCertificateExpiresOn: c.clientCertificateExpiresAt ? expiryDateText(c.clientCertificateExpiresAt) : null,
    clientCertificateExpiresInDays: c.clientCertificateExpiresAt
      ? daysUntilExpiry(c.clientCertificateExpiresAt, now)
      : null,
    expiry: soonest && {
      credential: soonest.credential,
      expiresOn: expiryDateText(soonest.expiresAt),
      inDays: daysUntilExpiry(soonest.expiresAt, now),
    },
    createdBy: c.createdBy?.email ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedBy: c.updatedBy?.email ?? null,
  };
}

async function findPage(filter: InventoryFilter, options: { skip: number; take: number; now: Date }) {
  const ids = await inventoryPageIds(filter, options);
  const found = await db.connection.findMany({ where: { id: { in: ids } }, select: ROW_SELECT });
  const byId = new Map(found.map((c) => [c.id, c]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function listInventoryRows(
  filter: InventoryFilter,
  options: { skip: number; take: number; now: Date },
): Promise<InventoryRow[]> {
  const connections = await findPage(filter, options);
  const runIds = connections.map((c) => c.lastTestRunId).filter((id): id is string => Boolean(id));
  // By the page's ids: a relation count with a condition is an aggregate of every token set (SQLite).
  const [runs, withRefreshToken] = await Promise.all([
    runIds.length > 0 ? db.testRun.findMany({ where: { id: { in: runIds } }, select: { id: true, status: true } }) : [],
    db.tokenSet.findMany({
      where: { connectionId: { in: connections.map((c) => c.id) }, refreshTokenEncrypted: { not: null } },
      select: { connectionId: true },
    }),
  ]);
  const statusByRun = new Map(runs.map((r) => [r.id, r.status]));
  const refreshable = new Set(withRefreshToken.map((t) => t.connectionId));
  return connections.map((c) =>
    toRow(
      c,
      {
        lastTestStatus: c.lastTestRunId ? (statusByRun.get(c.lastTestRunId) ?? null) : null,
        refreshTokenPresent: refreshable.has(c.id),
      },
      options.now,
    ),
  );
}

export type InventoryCounts = {
  total: number;
  stale: number;
  failing: number;
  oldSecrets: number;
  expiredTokens: number;
};

/**
 * The tokenExpired filter's count, driven by the token sets: Prisma's relation filter is an EXISTS
 * per connection, which SQLite runs as a scan of every connection (#26, 0.5 s at 100,000).
 */
async function countExpiredTokenConnections(now: Date): Promise<number> {
  const [row] = await runRawQuery<{ connections: unknown }>(
    sql`SELECT COUNT(DISTINCT t."connectionId") AS "connections" FROM "TokenSet" t CROSS JOIN "Connection" c
      WHERE c."id" = t."connectionId" AND t."expiresAt" < ${now} AND c."grantType" <> ${"client_credentials"}`,
  );
  return Number(row?.connections ?? 0);
}

/** Headline numbers for the whole inventory, each a link to its filter. */
export async function countInventory(now: Date, secretAgeDays: number): Promise<InventoryCounts> {
  const count = (filter: Partial<InventoryFilter>) =>
    countInventoryMatches(
      {
        stale: false,
        failing: false,
        tokenExpired: false,
        sort: "name",
        page: 1,
        q: undefined,
        secretOlderThan: undefined,
        expiresWithin: undefined,
        ...filter,
      },
      now,
    );
  const [total, stale, failing, oldSecrets, expiredTokens] = await Promise.all([
    count({}),
    count({ stale: true }),
    count({ failing: true }),
    count({ secretOlderThan: secretAgeDays }),
    countExpiredTokenConnections(now),
  ]);
  return { total, stale, failing, oldSecrets, expiredTokens };
}

export async function countInventoryMatches(filter: InventoryFilter, now: Date): Promise<number> {
  const counts = await Promise.all(disjointInventoryWheres(filter, now).map((where) => db.connection.count({ where })));
  return counts.reduce((sum, n) => sum + n, 0);
}
