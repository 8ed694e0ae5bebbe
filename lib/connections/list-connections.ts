/**
 * The connection list: search, filters, sort and pagination, all done by the database so the
 * page stays fast with thousands of connections. Query parameters are parsed leniently: an
 * unknown value falls back to its default instead of failing the page.
 */
import { z } from "zod";
import { prisma as db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/db/generated/client";
import { containsIgnoringCase } from "@/lib/db/text-filter";
import { GRANT_TYPES } from "@/lib/connections/connection-options";
import { PROVIDER_TYPES } from "@/lib/connections/provider-presets";
import { SHARED_OWNER } from "@/lib/tokens/token-owner";
import { daysUntilExpiry } from "@/lib/connections/secret-expiry";
import { soonestExpiry, type ExpiringCredential } from "@/lib/connections/credential-expiry";
import { labelledChoices } from "@/lib/schemas/labelled-choices";

export const { values: STATUS_FILTERS, labels: STATUS_FILTER_LABELS } = labelledChoices({
  draft: "Draft",
  not_tested: "Not tested",
  healthy: "Healthy",
  failing: "Failing",
  disabled: "Disabled",
});
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export const { values: SORT_KEYS, labels: SORT_LABELS } = labelledChoices({
  updated: "Last updated",
  name: "Name",
  lastTested: "Last tested",
  created: "Created",
});
export type SortKey = (typeof SORT_KEYS)[number];

export const PAGE_SIZE = 25;

const optionalChoice = <T extends readonly [string, ...string[]]>(choices: T) =>
  z.enum(choices).optional().catch(undefined);

export const connectionListQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  grant: optionalChoice(GRANT_TYPES),
  provider: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => (v && PROVIDER_TYPES.includes(v) ? v : undefined)),
  status: optionalChoice(STATUS_FILTERS),
  sort: z.enum(SORT_KEYS).catch("updated").default("updated"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type ConnectionListQuery = z.output<typeof connectionListQuerySchema>;

/**
 * Reads the list query from page search params (repeated keys use their first value). The sort
 * menu sends `sort=<key>:<direction>` in one value.
 */
export function parseConnectionListQuery(
  searchParams: Record<string, string | string[] | undefined>,
): ConnectionListQuery {
  const first: Record<string, string | undefined> = Object.fromEntries(
    Object.entries(searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  );
  const [sort, dir] = (first.sort ?? "").split(":");
  return connectionListQuerySchema.parse({ ...first, sort: sort || undefined, dir: first.dir ?? dir });
}

/** The list URL for a query, leaving out defaults so URLs stay short. */
export function connectionListHref(query: ConnectionListQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.grant) params.set("grant", query.grant);
  if (query.provider) params.set("provider", query.provider);
  if (query.status) params.set("status", query.status);
  if (query.sort !== "updated" || query.dir)
    params.set("sort", `${query.sort}:${query.dir ?? defaultDirection(query.sort)}`);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/connections?${search}` : "/connections";
}

export function defaultDirection(sort: SortKey): "asc" | "desc" {
  return sort === "name" ? "asc" : "desc";
}

export function connectionListWhere(query: ConnectionListQuery): Prisma.ConnectionWhereInput {
  const where: Prisma.ConnectionWhereInput = {};
  if (query.q) where.name = containsIgnoringCase(query.q);
  if (query.grant) where.grantType = query.grant;
  if (query.provider) where.providerType = query.provider;
  switch (query.status) {
    case "draft":
      where.status = "DRAFT";
      break;
    case "not_tested":
      Object.assign(where, { status: "ACTIVE", health: "NOT_TESTED" });
      break;
    case "healthy":
      Object.assign(where, { status: "ACTIVE", health: "HEALTHY" });
      break;
    case "failing":
      Object.assign(where, { status: "ACTIVE", health: "FAILING" });
      break;
    case "disabled":
      where.enabled = false;
      break;
  }
  return where;
}

export function connectionListOrder(query: ConnectionListQuery): Prisma.ConnectionOrderByWithRelationInput[] {
  const dir = query.dir ?? defaultDirection(query.sort);
  const primary: Prisma.ConnectionOrderByWithRelationInput =
    query.sort === "name"
      ? { name: dir }
      : query.sort === "lastTested"
        ? { lastTestedAt: { sort: dir, nulls: "last" } }
        : query.sort === "created"
          ? { createdAt: dir }
          : { updatedAt: dir };
  // The id breaks ties so pages never overlap or skip rows.
  return [primary, { id: dir }];
}

export type ConnectionListRow = {
  id: string;
  name: string;
  providerType: string;
  grantType: string;
  status: string;
  health: string;
  enabled: boolean;
  lastTestedAt: string | null;
  /** Expiry of the shared token set, so the list can say "Token expired" instead of "Healthy". */
  tokenExpiresAt: string | null;
  /** The credential (secret or certificate) that expires first and whole days until it (negative once passed). */
  expiry: { credential: ExpiringCredential; inDays: number } | null;
  owner: string | null;
  updatedAt: string;
};

export type ConnectionListPage = {
  rows: ConnectionListRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
};

/** The columns every connection list shows (the console's list and the REST API's). */
export const CONNECTION_LIST_COLUMNS = {
  id: true,
  name: true,
  providerType: true,
  grantType: true,
  status: true,
  health: true,
  enabled: true,
  lastTestedAt: true,
  updatedAt: true,
} satisfies Prisma.ConnectionSelect;

/** The list columns as every list serves them: dates as ISO text. */
export function listColumnsOf(c: Prisma.ConnectionGetPayload<{ select: typeof CONNECTION_LIST_COLUMNS }>) {
  const { id, name, providerType, grantType, status, health, enabled } = c;
  const lastTestedAt = c.lastTestedAt?.toISOString() ?? null;
  return {
    id,
    name,
    providerType,
    grantType,
    status,
    health,
    enabled,
    lastTestedAt,
    updatedAt: c.updatedAt.toISOString(),
  };
}

const LIST_ROW_SELECT = {
  ...CONNECTION_LIST_COLUMNS,
  clientSecretExpiresAt: true,
  clientCertificateExpiresAt: true,
  createdBy: { select: { email: true } },
  tokenSets: { where: { ownerKey: SHARED_OWNER }, select: { expiresAt: true }, take: 1 },
} satisfies Prisma.ConnectionSelect;

function findListRows(query: ConnectionListQuery, where: Prisma.ConnectionWhereInput, page: number, pageSize: number) {
  return db.connection.findMany({
    where,
    orderBy: connectionListOrder(query),
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: LIST_ROW_SELECT,
  });
}

export async function listConnections(query: ConnectionListQuery, pageSize = PAGE_SIZE): Promise<ConnectionListPage> {
  const where = connectionListWhere(query);
  // Count and page at once (on PostgreSQL two connections, one round trip); only a page past
  // the end, from an old link, is read again as the last page.
  const [total, requestedRows] = await Promise.all([
    db.connection.count({ where }),
    findListRows(query, where, query.page, pageSize),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(query.page, pageCount);
  const rows = page === query.page ? requestedRows : await findListRows(query, where, page, pageSize);
  const now = new Date();
  return {
    rows: rows.map((r) => {
      const soonest = soonestExpiry(r);
      return {
        ...listColumnsOf(r),
        tokenExpiresAt: r.tokenSets[0]?.expiresAt?.toISOString() ?? null,
        expiry: soonest && { credential: soonest.credential, inDays: daysUntilExpiry(soonest.expiresAt, now) },
        owner: r.createdBy?.email ?? null,
      };
    }),
    total,
    page,
    pageCount,
    pageSize,
  };
}
