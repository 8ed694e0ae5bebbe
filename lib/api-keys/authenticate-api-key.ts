/**
 * Checks the `Authorization: Bearer <key>` of an API request: shape and checksum first (no
 * database work for garbage), then the stored hash, then revocation and expiry. The API gate
 * (lib/api/with-api-key.ts) reads the key row with loadApiKeyRow, or the token route's loader
 * reads it together with the connection and token set (lib/tokens/read-token-request.ts), and
 * checks it with checkApiKeyRow.
 */
import { prisma as db, type Db } from "@/lib/db/prisma";
import { parsePermissions, type ApiPermission } from "@/lib/api-keys/permissions";
import { hashApiKey, isWellFormedApiKey, sameHash } from "@/lib/api-keys/key-format";
import type { UserAccess } from "@/lib/schemas/api-key";

export type AuthenticatedApiKey = {
  id: string;
  name: string;
  displayPrefix: string;
  allConnections: boolean;
  /** Whose tokens it may read on Per-user connections. */
  userAccess: UserAccess;
  rateLimitPerMinute: number;
  permissions: readonly ApiPermission[];
};

export type ApiKeyRefusal = "missing" | "malformed" | "unknown" | "revoked" | "expired";

export type ApiKeyCheck = { ok: true; key: AuthenticatedApiKey } | { ok: false; reason: ApiKeyRefusal };

/** What is stored about a key, as far as authenticating it goes. */
export type ApiKeyRow = Omit<AuthenticatedApiKey, "permissions"> & {
  /** As stored: space-separated (lib/api-keys/permissions.ts). */
  permissions: string;
  keyHash: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
};

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/** The SHA-256 of a well-formed key in the header, or why there is none (no database work). */
export function hashFromAuthorization(
  authorization: string | null,
): { ok: true; hash: string } | { ok: false; reason: ApiKeyRefusal } {
  if (!authorization) return { ok: false, reason: "missing" };
  const match = BEARER.exec(authorization);
  if (!match) return { ok: false, reason: "malformed" };
  const key = match[1]!;
  if (!isWellFormedApiKey(key)) return { ok: false, reason: "malformed" };
  return { ok: true, hash: hashApiKey(key) };
}

/** Whether the row found for a hash is a usable key: confirmed in constant time, not revoked, not expired. */
export function checkApiKeyRow(row: ApiKeyRow | null, hash: string, now = new Date()): ApiKeyCheck {
  if (!row || !sameHash(row.keyHash, hash)) return { ok: false, reason: "unknown" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  const { id, name, displayPrefix, allConnections, userAccess, rateLimitPerMinute } = row;
  const permissions = parsePermissions(row.permissions);
  return {
    ok: true,
    key: { id, name, displayPrefix, allConnections, userAccess, rateLimitPerMinute, permissions },
  };
}

export async function authenticateApiKey(authorization: string | null, now = new Date()): Promise<ApiKeyCheck> {
  const parsed = hashFromAuthorization(authorization);
  if (!parsed.ok) return parsed;
  return checkApiKeyRow(await loadApiKeyRow(db, parsed.hash), parsed.hash, now);
}

export async function loadApiKeyRow(client: Db, keyHash: string): Promise<ApiKeyRow | null> {
  const row = await client.apiKey.findUnique({
    where: { keyHash },
    select: {
      id: true,
      name: true,
      displayPrefix: true,
      keyHash: true,
      allConnections: true,
      userAccess: true,
      rateLimitPerMinute: true,
      permissions: true,
      expiresAt: true,
      revokedAt: true,
    },
  });
  return row && { ...row, userAccess: row.userAccess as UserAccess };
}
