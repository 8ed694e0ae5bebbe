/**
 * GET /api/v1/connections and /api/v1/connections/{id or name}: the console's list filters and
 * order (lib/connections/list-connections.ts) with keyset-style cursor pagination, and one
 * connection's settings from the field registry. A key limited to chosen connections sees only
 * those: another connection is answered exactly like one that does not exist.
 */
import type { z } from "zod";
import { prisma as db } from "@/lib/db/prisma";
import type { Connection, Prisma } from "@/lib/db/generated/client";
import type { AuthenticatedApiKey } from "@/lib/api-keys/authenticate-api-key";
import { CONNECTION_LIST_COLUMNS, connectionListOrder, connectionListWhere } from "@/lib/connections/list-connections";
import { connectionFormValuesFrom } from "@/lib/connections/connection-record";
import { connectionNameKey } from "@/lib/connections/name-key";
import { SHARED_OWNER } from "@/lib/tokens/token-owner";
import { ApiProblem } from "@/lib/api/api-problem";
import { apiJson } from "@/lib/api/api-json";
import {
  SETTINGS_FIELD_NAMES,
  type connectionDetailSchema,
  type connectionListQuerySchema,
  type connectionListSchema,
  type connectionSettingsSchema,
  type connectionSummarySchema,
} from "@/lib/api/resource-schemas";

type Key = Pick<AuthenticatedApiKey, "id" | "allConnections">;

/** The connections a key may see, as a condition on Connection. */
export function visibleConnections(key: Key): Prisma.ConnectionWhereInput {
  return key.allConnections ? {} : { apiKeyGrants: { some: { apiKeyId: key.id } } };
}

const SUMMARY_SELECT = {
  ...CONNECTION_LIST_COLUMNS,
  tokenSets: { where: { ownerKey: SHARED_OWNER }, select: { expiresAt: true, obtainedAt: true }, take: 1 },
} satisfies Prisma.ConnectionSelect;

type SummaryRow = Prisma.ConnectionGetPayload<{ select: typeof SUMMARY_SELECT }>;

function summaryOf(row: SummaryRow): z.infer<typeof connectionSummarySchema> {
  return {
    id: row.id,
    name: row.name,
    provider_type: row.providerType,
    grant_type: row.grantType,
    status: row.status === "ACTIVE" ? "ACTIVE" : "DRAFT",
    health: row.health,
    enabled: row.enabled,
    last_tested_at: row.lastTestedAt?.toISOString() ?? null,
    token_expires_at: row.tokenSets[0]?.expiresAt?.toISOString() ?? null,
    updated_at: row.updatedAt.toISOString(),
  };
}

/**
 * A page in the console's order; the cursor is the id of the page's last row, and the id breaks
 * ties in that order, so pages never overlap or skip rows while nothing is edited in between.
 */
export async function listConnectionsForApi(
  key: Key,
  query: z.output<typeof connectionListQuerySchema>,
): Promise<z.infer<typeof connectionListSchema>> {
  const { q, grant, provider, status, sort, dir } = query;
  const listQuery = { q, grant, provider, status, sort, dir, page: 1 };
  const where = { AND: [connectionListWhere(listQuery), visibleConnections(key)] };
  const after = query.cursor ? await cursorRow(query.cursor, where) : undefined;
  const rows = await db.connection.findMany({
    where,
    orderBy: connectionListOrder(listQuery),
    ...(after ? { cursor: { id: after }, skip: 1 } : {}),
    take: query.limit + 1,
    select: SUMMARY_SELECT,
  });
  const page = rows.slice(0, query.limit);
  return {
    data: page.map(summaryOf),
    next_cursor: rows.length > query.limit ? Buffer.from(page[page.length - 1]!.id).toString("base64url") : null,
  };
}

async function cursorRow(cursor: string, where: Prisma.ConnectionWhereInput): Promise<string> {
  const id = Buffer.from(cursor, "base64url").toString();
  const row = await db.connection.findFirst({ where: { AND: [where, { id }] }, select: { id: true } });
  if (!row) throw new ApiProblem("invalid-request", "cursor: not a cursor of this list, or its row was deleted.");
  return row.id;
}

/** By id first, then by name ignoring case, then (rows from before nameKey) by exact name: as the token route. */
export async function findVisibleConnection(key: Key, ref: string): Promise<Connection> {
  const visible = visibleConnections(key);
  const row =
    (await db.connection.findFirst({ where: { AND: [visible, { id: ref }] } })) ??
    (await db.connection.findFirst({
      where: { AND: [visible, { OR: [{ nameKey: connectionNameKey(ref) }, { name: ref }] }] },
    }));
  if (!row)
    throw new ApiProblem("connection-not-found", `No connection this key may read has the id or name “${ref}”.`);
  return row;
}

export async function getConnectionForApi(key: Key, ref: string): Promise<z.infer<typeof connectionDetailSchema>> {
  const row = await findVisibleConnection(key, ref);
  const token = await db.tokenSet.findFirst({
    where: { connectionId: row.id, ownerKey: SHARED_OWNER },
    select: { expiresAt: true, obtainedAt: true, accessTokenEncrypted: true },
  });
  const values = connectionFormValuesFrom(row) as Record<string, unknown>;
  const secretSetAt = row.clientSecretEncrypted ? row.clientSecretSetAt : null;
  return {
    ...summaryOf({ ...row, tokenSets: token ? [token] : [] }),
    version: row.version,
    created_at: row.createdAt.toISOString(),
    settings: Object.fromEntries(SETTINGS_FIELD_NAMES.map((name) => [name, values[name]])) as z.infer<
      typeof connectionSettingsSchema
    >,
    client_secret: {
      set: Boolean(row.clientSecretEncrypted),
      set_at: secretSetAt?.toISOString() ?? null,
      age_seconds: secretSetAt ? Math.floor((Date.now() - secretSetAt.getTime()) / 1000) : null,
    },
    private_key: { set: Boolean(row.privateKeyEncrypted) },
    token: {
      present: Boolean(token?.accessTokenEncrypted),
      obtained_at: token?.obtainedAt.toISOString() ?? null,
      expires_at: token?.expiresAt?.toISOString() ?? null,
    },
  };
}

/** The connection with its version as ETag (RFC 9110 §8.8.3): what a later If-Match names. */
export async function connectionAnswer(
  key: Key,
  ref: string,
  init: { status?: number; headers?: Record<string, string> } = {},
): Promise<Response> {
  const connection = await getConnectionForApi(key, ref);
  return apiJson(connection, { status: init.status, headers: { ETag: `"${connection.version}"`, ...init.headers } });
}
