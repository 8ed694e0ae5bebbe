/**
 * What the API keys pages and a connection's page show: keys with their allowed connections,
 * per-user grant, use and refused calls, token reads per hour, and which keys may read a user's
 * token. Never a key or a hash: the hash stays in the database.
 */
import type { Prisma } from "@/lib/db/generated/client";
import { prisma as db } from "@/lib/db/prisma";
import type { UserAccess } from "@/lib/schemas/api-key";
import type { TokenReadPeriod } from "@/lib/api-keys/roll-up-token-reads";
import { parsePermissions, type ApiPermission } from "@/lib/api-keys/permissions";

const DAY_MS = 86_400_000;

export type ApiKeyStatus = "active" | "revoked" | "expired";

const SUMMARY_SELECT = {
  id: true,
  name: true,
  displayPrefix: true,
  allConnections: true,
  userAccess: true,
  rateLimitPerMinute: true,
  permissions: true,
  createdAt: true,
  createdByEmail: true,
  expiresAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  lastUsedUserAgent: true,
  refusedCount: true,
  lastRefusedAt: true,
  lastRefusedStatus: true,
  lastRefusedType: true,
  lastRefusedDetail: true,
  lastRefusedIp: true,
  lastRefusedUserAgent: true,
  revokedAt: true,
  revokedByEmail: true,
  connections: { select: { connection: { select: { id: true, name: true } } } },
  users: { select: { user: { select: { id: true, email: true } } } },
} as const;

type SummaryRow = Prisma.ApiKeyGetPayload<{ select: typeof SUMMARY_SELECT }>;

export type ApiKeySummary = Omit<SummaryRow, "connections" | "users" | "userAccess" | "permissions"> & {
  permissions: ApiPermission[];
  connections: { id: string; name: string }[];
  userAccess: UserAccess;
  users: { id: string; email: string }[];
  status: ApiKeyStatus;
  readsLast24h: number;
};

function summarize(row: SummaryRow, reads: number, now: Date): ApiKeySummary {
  const status: ApiKeyStatus = row.revokedAt ? "revoked" : row.expiresAt && row.expiresAt <= now ? "expired" : "active";
  return {
    ...row,
    connections: row.connections.map((c) => c.connection).sort((a, b) => a.name.localeCompare(b.name)),
    userAccess: row.userAccess as UserAccess,
    permissions: parsePermissions(row.permissions),
    users: row.users.map((u) => u.user).sort((a, b) => a.email.localeCompare(b.email)),
    status,
    readsLast24h: reads,
  };
}

async function readsSince(where: { apiKeyId?: string | { in: string[] } }, since: Date): Promise<Map<string, number>> {
  const groups = await db.tokenReadCount.groupBy({
    by: ["apiKeyId"],
    where: { ...where, hourStart: { gte: since } },
    _sum: { count: true },
  });
  return new Map(groups.map((g) => [g.apiKeyId, g._sum.count ?? 0]));
}

export async function listApiKeys(now = new Date()): Promise<ApiKeySummary[]> {
  const rows = await db.apiKey.findMany({
    select: SUMMARY_SELECT,
    orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
    take: 500,
  });
  const reads = await readsSince({ apiKeyId: { in: rows.map((r) => r.id) } }, new Date(now.getTime() - DAY_MS));
  return rows.map((row) => summarize(row, reads.get(row.id) ?? 0, now));
}

export async function getApiKey(id: string, now = new Date()): Promise<ApiKeySummary | null> {
  const row = await db.apiKey.findUnique({ where: { id }, select: SUMMARY_SELECT });
  if (!row) return null;
  const reads = await readsSince({ apiKeyId: id }, new Date(now.getTime() - DAY_MS));
  return summarize(row, reads.get(id) ?? 0, now);
}

export type TokenReadRow = {
  /** The start of the period counted: an hour, or a day or month once rolled up (roll-up-token-reads.ts). */
  hourStart: Date;
  period: TokenReadPeriod;
  apiKeyId: string;
  keyName: string;
  connectionId: string;
  connectionName: string;
  count: number;
  lastReadAt: Date;
};

/** Token reads of a key or of a connection per period, newest first, over the last `days` days. */
export async function listTokenReads(
  filter: { apiKeyId: string } | { connectionId: string },
  options: { days?: number; now?: Date } = {},
): Promise<TokenReadRow[]> {
  const since = new Date((options.now ?? new Date()).getTime() - (options.days ?? 2) * DAY_MS);
  const rows = await db.tokenReadCount.findMany({
    where: { ...filter, hourStart: { gte: since } },
    select: {
      hourStart: true,
      period: true,
      count: true,
      lastReadAt: true,
      apiKey: { select: { id: true, name: true } },
      connection: { select: { id: true, name: true } },
    },
    orderBy: [{ hourStart: "desc" }, { count: "desc" }],
    take: 500,
  });
  return rows.map((r) => ({
    hourStart: r.hourStart,
    period: r.period as TokenReadPeriod,
    apiKeyId: r.apiKey.id,
    keyName: r.apiKey.name,
    connectionId: r.connection.id,
    connectionName: r.connection.name,
    count: r.count,
    lastReadAt: r.lastReadAt,
  }));
}

/** Connections an admin can choose for a key. */
export async function listConnectionChoices(): Promise<{ id: string; name: string }[]> {
  return db.connection.findMany({
    where: { status: "ACTIVE" },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
    take: 1000,
  });
}

/** Users an admin can let a key read on Per-user connections (disabled users' tokens are never served). */
export async function listUserChoices(): Promise<{ id: string; email: string }[]> {
  return db.user.findMany({
    where: { disabled: false },
    select: { id: true, email: true },
    orderBy: { email: "asc" },
    take: 1000,
  });
}

/** Usable keys that may read this user's token on this connection: what "Connect my account" tells the user. */
export async function listKeysReadingUserToken(
  connectionId: string,
  userId: string,
  now = new Date(),
): Promise<{ id: string; name: string; displayPrefix: string; userAccess: UserAccess }[]> {
  const keys = await db.apiKey.findMany({
    where: {
      revokedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
      AND: [
        { OR: [{ allConnections: true }, { connections: { some: { connectionId } } }] },
        { OR: [{ userAccess: "ALL_USERS" }, { userAccess: "CHOSEN_USERS", users: { some: { userId } } }] },
      ],
    },
    select: { id: true, name: true, displayPrefix: true, userAccess: true },
    orderBy: { name: "asc" },
    take: 200,
  });
  return keys.map((k) => ({ ...k, userAccess: k.userAccess as UserAccess }));
}
