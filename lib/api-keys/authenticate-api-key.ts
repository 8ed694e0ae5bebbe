/**
 * Checks the `Authorization: Bearer <key>` of a token-API request: shape and checksum first (no
 * database work for garbage), then the stored hash, then revocation and expiry. The token route
 * reads the key row together with the connection and token set (lib/tokens/read-token-request.ts)
 * and checks it with checkApiKeyRow; other routes use authenticateApiKey.
 */
import { prisma as db } from "@/lib/db/prisma";
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
};

export type ApiKeyRefusal = "missing" | "malformed" | "unknown" | "revoked" | "expired";

export type ApiKeyCheck = { ok: true; key: AuthenticatedApiKey } | { ok: false; reason: ApiKeyRefusal };

/** What is stored about a key, as far as authenticating it goes. */
export type ApiKeyRow = AuthenticatedApiKey & { keyHash: string; expiresAt: Date | null; revokedAt: Date | null };

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
  return { ok: true, key: { id, name, displayPrefix, allConnections, userAccess, rateLimitPerMinute } };
}

export async function authenticateApiKey(authorization: string | null, now = new Date()): Promise<ApiKeyCheck> {
  const parsed = hashFromAuthorization(authorization);
  if (!parsed.ok) return parsed;
  const row = await db.apiKey.findUnique({
    where: { keyHash: parsed.hash },
    select: {
      id: true,
      name: true,
      displayPrefix: true,
      keyHash: true,
      allConnections: true,
      userAccess: true,
      rateLimitPerMinute: true,
      expiresAt: true,
      revokedAt: true,
    },
  });
  return checkApiKeyRow(row && { ...row, userAccess: row.userAccess as UserAccess }, parsed.hash, now);
}
