/**
 * Checks the `Authorization: Bearer <key>` of a token-API request: shape and checksum first (no
 * database work for garbage), then the stored hash, then revocation and expiry.
 */
import { prisma as db } from "@/lib/db/prisma";
import { hashApiKey, isWellFormedApiKey, sameHash } from "@/lib/api-keys/key-format";

export type AuthenticatedApiKey = {
  id: string;
  name: string;
  displayPrefix: string;
  allConnections: boolean;
  rateLimitPerMinute: number;
};

export type ApiKeyCheck =
  | { ok: true; key: AuthenticatedApiKey }
  | { ok: false; reason: "missing" | "malformed" | "unknown" | "revoked" | "expired" };

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

export async function authenticateApiKey(authorization: string | null, now = new Date()): Promise<ApiKeyCheck> {
  if (!authorization) return { ok: false, reason: "missing" };
  const match = BEARER.exec(authorization);
  if (!match) return { ok: false, reason: "malformed" };
  const key = match[1]!;
  if (!isWellFormedApiKey(key)) return { ok: false, reason: "malformed" };
  const hash = hashApiKey(key);
  const row = await db.apiKey.findUnique({
    where: { keyHash: hash },
    select: {
      id: true,
      name: true,
      displayPrefix: true,
      keyHash: true,
      allConnections: true,
      rateLimitPerMinute: true,
      expiresAt: true,
      revokedAt: true,
    },
  });
  if (!row || !sameHash(row.keyHash, hash)) return { ok: false, reason: "unknown" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return {
    ok: true,
    key: {
      id: row.id,
      name: row.name,
      displayPrefix: row.displayPrefix,
      allConnections: row.allConnections,
      rateLimitPerMinute: row.rateLimitPerMinute,
    },
  };
}

/** Whether the key may read the connection: every connection, or one of those chosen for it. */
export async function mayReadConnection(key: AuthenticatedApiKey, connectionId: string): Promise<boolean> {
  if (key.allConnections) return true;
  const grant = await db.apiKeyConnection.findUnique({ where: { apiKeyId_connectionId: { apiKeyId: key.id, connectionId } }, select: { connectionId: true } });
  return grant !== null;
}
