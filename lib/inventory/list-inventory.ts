/**
 * The ops view of stored connections: one row per connection with its health and the problem
 * behind a Failing one, last test, last and next scheduled check, token status and client secret age. Reads only non-secret columns; whether a refresh token exists is
 * counted in the database, so no ciphertext is even loaded.
 */
import { prisma as db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/db/generated/client";
import { containsIgnoringCase } from "@/lib/db/text-filter";
import { STALE_AFTER_DAYS, type InventoryFilter, type InventorySort } from "@/lib/schemas/inventory-filter";
import { parseHealthProblem, type HealthProblem } from "@/lib/connections/health-problem";
import { daysUntilExpiry, expiryDateText } from "@/lib/connections/secret-expiry";
import { soonestExpiry, type ExpiringCredential } from "@/lib/connections/credential-expiry";

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

export function buildInventoryWhere(filter: InventoryFilter, now: Date): Prisma.ConnectionWhereInput {
  const and: Prisma.ConnectionWhereInput[] = [];
  if (filter.q) and.push({ name: containsIgnoringCase(filter.q) });
  if (filter.stale) {
    // A draft cannot be tested yet, so it is not "untested" in the sense this filter asks about.
    and.push({ status: { not: "DRAFT" } });
    and.push({
      OR: [{ lastTestedAt: null }, { lastTestedAt: { lt: new Date(now.getTime() - STALE_AFTER_DAYS * DAY_MS) } }],
    });
  }
  if (filter.failing) and.push({ health: "FAILING" });
  if (filter.secretOlderThan !== undefined)
    and.push({ clientSecretSetAt: { lt: new Date(now.getTime() - filter.secretOlderThan * DAY_MS) } });
  // An expired cached client-credentials token is no problem: the next request fetches a new one.
  if (filter.tokenExpired)
    and.push({ grantType: { not: "client_credentials" }, tokenSets: { some: { expiresAt: { lt: now } } } });
  // Within N days counts whole UTC days, as the reminders do, for the secret or the certificate;
  // an expired one is the most urgent. A certificate's notAfter is any time of its day.
  if (filter.expiresWithin !== undefined) {
    const end = new Date((Math.floor(now.getTime() / DAY_MS) + filter.expiresWithin + 1) * DAY_MS);
    and.push({ OR: [{ clientSecretExpiresAt: { lt: end } }, { clientCertificateExpiresAt: { lt: end } }] });
  }
  return and.length > 0 ? { AND: and } : {};
}

// "secret_expiry" is ordered in expiryPageIds: the earlier of two columns is no Prisma order.
const ORDER_BY: Record<Exclude<InventorySort, "secret_expiry">, Prisma.ConnectionOrderByWithRelationInput[]> = {
  name: [{ name: "asc" }],
  secret_age: [{ clientSecretSetAt: { sort: "asc", nulls: "last" } }, { name: "asc" }],
  last_tested: [{ lastTestedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
  last_changed: [{ updatedAt: "desc" }, { name: "asc" }],
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
  _count: { select: { tokenSets: { where: { refreshTokenEncrypted: { not: null } } } } },
} satisfies Prisma.ConnectionSelect;

type SelectedConnection = Prisma.ConnectionGetPayload<{ select: typeof ROW_SELECT }>;

function latest(dates: (Date | null)[]): Date | null {
  return dates.reduce<Date | null>((max, d) => (d && (!max || d > max) ? d : max), null);
}

function toRow(c: SelectedConnection, lastTestStatus: string | null, now: Date): InventoryRow {
  const validUntil = latest(c.tokenSets.map((t) => t.expiresAt));
  const lastRefreshedAt = latest(c.tokenSets.map((t) => t.refreshedAt));
  // Only an active, enabled connection is checked, whatever its schedule says.
  const scheduled = c.status === "ACTIVE" && c.enabled && c.checkSchedule !== "off";
  const soonest = soonestExpiry(c);
  return {
    id: c.id,
    name: c.name,
    providerType: c.providerType,
    grantType: c.grantType,
    status: c.status,
    enabled: c.enabled,
    health: c.health,
    problem: c.health === "FAILING" ? parseHealthProblem(c.healthProblem) : null,
    lastTestedAt: c.lastTestedAt?.toISOString() ?? null,
    lastTestStatus,
    checkSchedule: scheduled ? c.checkSchedule : "off",
    lastCheckAt: c.lastCheckAt?.toISOString() ?? null,
    nextCheckAt: scheduled ? (c.nextCheckAt?.toISOString() ?? null) : null,
    token: {
      count: c.tokenSets.length,
      expiredCount: c.tokenSets.filter((t) => t.expiresAt && t.expiresAt < now).length,
      validUntil: validUntil?.toISOString() ?? null,
      refreshTokenPresent: c._count.tokenSets > 0,
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
    updatedAt: c.updatedAt.toISOString(),
  };
}

const EXPIRY_SELECT = { id: true, name: true, clientSecretExpiresAt: true, clientCertificateExpiresAt: true } as const;
type ExpiryRow = Prisma.ConnectionGetPayload<{ select: typeof EXPIRY_SELECT }>;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const bySoonest = (a: ExpiryRow, b: ExpiryRow) =>
  soonestExpiry(a)!.expiresAt.getTime() - soonestExpiry(b)!.expiresAt.getTime() ||
  byText(a.name, b.name) ||
  byText(a.id, b.id);

/**
 * A page of ids, the soonest secret or certificate expiry first, then the undated by name. No
 * column holds the earlier of the two dates, but a row's place in that order is never later than
 * its place by either date, so the first skip + take by each date (through their indexes) hold
 * the page: a merge of two short index reads instead of sorting every dated row.
 */
async function expiryPageIds(where: Prisma.ConnectionWhereInput, skip: number, take: number): Promise<string[]> {
  const firstBy = (column: "clientSecretExpiresAt" | "clientCertificateExpiresAt") =>
    db.connection.findMany({
      where: { AND: [where, { [column]: { not: null } }] },
      orderBy: [{ [column]: "asc" }, { name: "asc" }, { id: "asc" }],
      take: skip + take,
      select: EXPIRY_SELECT,
    });
  const [bySecret, byCertificate] = await Promise.all([
    firstBy("clientSecretExpiresAt"),
    firstBy("clientCertificateExpiresAt"),
  ]);
  const merged = [...new Map([...bySecret, ...byCertificate].map((r) => [r.id, r])).values()].sort(bySoonest);
  const ids = merged.slice(skip, skip + take).map((r) => r.id);
  if (ids.length === take) return ids;
  const undatedOnly = { clientSecretExpiresAt: null, clientCertificateExpiresAt: null };
  const datedCount = await db.connection.count({ where: { AND: [where, { NOT: undatedOnly }] } });
  const undated = await db.connection.findMany({
    where: { AND: [where, undatedOnly] },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: Math.max(0, skip - datedCount),
    take: take - ids.length,
    select: { id: true },
  });
  return [...ids, ...undated.map((r) => r.id)];
}

async function findPage(filter: InventoryFilter, options: { skip: number; take: number; now: Date }) {
  const where = buildInventoryWhere(filter, options.now);
  if (filter.sort !== "secret_expiry")
    return db.connection.findMany({
      where,
      orderBy: [...ORDER_BY[filter.sort], { id: "asc" }],
      skip: options.skip,
      take: options.take,
      select: ROW_SELECT,
    });
  const ids = await expiryPageIds(where, options.skip, options.take);
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
  const runs =
    runIds.length > 0
      ? await db.testRun.findMany({ where: { id: { in: runIds } }, select: { id: true, status: true } })
      : [];
  const statusByRun = new Map(runs.map((r) => [r.id, r.status]));
  return connections.map((c) =>
    toRow(c, c.lastTestRunId ? (statusByRun.get(c.lastTestRunId) ?? null) : null, options.now),
  );
}

export type InventoryCounts = {
  total: number;
  stale: number;
  failing: number;
  oldSecrets: number;
  expiredTokens: number;
};

/** Headline numbers for the whole inventory, each a link to its filter. */
export async function countInventory(now: Date, secretAgeDays: number): Promise<InventoryCounts> {
  const count = (filter: Partial<InventoryFilter>) =>
    db.connection.count({
      where: buildInventoryWhere(
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
      ),
    });
  const [total, stale, failing, oldSecrets, expiredTokens] = await Promise.all([
    count({}),
    count({ stale: true }),
    count({ failing: true }),
    count({ secretOlderThan: secretAgeDays }),
    count({ tokenExpired: true }),
  ]);
  return { total, stale, failing, oldSecrets, expiredTokens };
}

export async function countInventoryMatches(filter: InventoryFilter, now: Date): Promise<number> {
  return db.connection.count({ where: buildInventoryWhere(filter, now) });
}
