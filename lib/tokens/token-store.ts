/**
 * Stored token sets: encrypted at rest (lib/crypto/secret-box, bound to the row id and field),
 * one per connection and owner: "shared" for a Shared connection's saved login credentials, the
 * user id for a Per-user connection. Status reads never decrypt anything.
 */
import crypto from "node:crypto";
import { prisma as db } from "@/lib/db/prisma";
import type { Tx } from "@/lib/db/prisma";
import { sql, sqlRunnerFor, type SqlRunner } from "@/lib/db/raw-sql";
import { encryptSecret } from "@/lib/crypto/secret-box";

import { SHARED_OWNER } from "@/lib/tokens/token-owner";

export { SHARED_OWNER };

export type TokenSetToStore = {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  tokenType: string;
  scope?: string;
  expiresAt: Date;
  obtainedAt: Date;
  refreshedAt?: Date;
  refreshCount: number;
  refreshTokenRotations: number;
};

/**
 * The row id of an owner's token set: derived from connection and owner, so the ciphertexts can
 * be bound to it (associated data) before the row exists, and the write is a single upsert.
 */
function tokenSetId(connectionId: string, ownerKey: string): string {
  return `ts_${crypto.createHash("sha256").update(`${connectionId}|${ownerKey}`).digest("base64url").slice(0, 24)}`;
}

/**
 * Replaces the owner's token set for the connection (a new authorization starts a new set). Plain
 * SQL (lib/db/raw-sql.ts): it is part of every recorded test, whose write is one transaction.
 */
export async function storeTokenSet(
  tx: Tx | SqlRunner,
  input: { connectionId: string; ownerKey: string; userId: string | null; tokens: TokenSetToStore },
): Promise<{ id: string }> {
  const id = tokenSetId(input.connectionId, input.ownerKey);
  const { tokens } = input;
  const seal = (value: string | undefined, field: string) => (value ? encryptSecret(value, { recordId: id, field }) : null);
  const now = new Date();
  // A new authorization ends a "needs re-authorization" state, any refresh cool-down and lease.
  await sqlRunnerFor(tx).execute(sql`INSERT INTO "TokenSet" ("id", "connectionId", "ownerKey", "userId", "accessTokenEncrypted",
    "refreshTokenEncrypted", "idTokenEncrypted", "tokenType", "scope", "expiresAt", "obtainedAt", "refreshedAt", "refreshCount",
    "refreshTokenRotations", "lastRefreshError", "refreshLeaseUntil", "refreshLeaseOwner", "state", "coolDownUntil", "version",
    "createdAt", "updatedAt")
    VALUES (${id}, ${input.connectionId}, ${input.ownerKey}, ${input.userId}, ${seal(tokens.accessToken, "accessToken")},
    ${seal(tokens.refreshToken, "refreshToken")}, ${seal(tokens.idToken, "idToken")}, ${tokens.tokenType}, ${tokens.scope ?? null},
    ${tokens.expiresAt}, ${tokens.obtainedAt}, ${tokens.refreshedAt ?? null}, ${tokens.refreshCount}, ${tokens.refreshTokenRotations},
    ${null}, ${null}, ${null}, ${"VALID"}, ${null}, ${1}, ${now}, ${now})
    ON CONFLICT ("id") DO UPDATE SET "userId" = excluded."userId", "accessTokenEncrypted" = excluded."accessTokenEncrypted",
    "refreshTokenEncrypted" = excluded."refreshTokenEncrypted", "idTokenEncrypted" = excluded."idTokenEncrypted",
    "tokenType" = excluded."tokenType", "scope" = excluded."scope", "expiresAt" = excluded."expiresAt",
    "obtainedAt" = excluded."obtainedAt", "refreshedAt" = excluded."refreshedAt", "refreshCount" = excluded."refreshCount",
    "refreshTokenRotations" = excluded."refreshTokenRotations", "lastRefreshError" = NULL, "state" = excluded."state",
    "coolDownUntil" = NULL, "refreshLeaseUntil" = NULL, "refreshLeaseOwner" = NULL,
    "version" = "TokenSet"."version" + 1, "updatedAt" = excluded."updatedAt"`);
  return { id };
}

export type TokenStatus = {
  ownerKey: string;
  userId: string | null;
  userEmail: string | null;
  tokenType: string;
  scope: string | null;
  obtainedAt: Date;
  expiresAt: Date | null;
  expired: boolean;
  refreshTokenPresent: boolean;
  refreshedAt: Date | null;
  refreshCount: number;
  refreshTokenRotations: number;
  lastRefreshError: string | null;
  needsReauthorization: boolean;
  /** A disabled or removed user's set: never served nor refreshed. */
  suspended: boolean;
  lastServedAt: Date | null;
};

/** Token status of every stored set of a connection, shared first; no secret is read. */
export async function listTokenStatuses(connectionId: string, now = new Date()): Promise<TokenStatus[]> {
  const rows = await db.tokenSet.findMany({
    where: { connectionId },
    select: {
      ownerKey: true,
      userId: true,
      user: { select: { email: true, disabled: true } },
      tokenType: true,
      scope: true,
      obtainedAt: true,
      expiresAt: true,
      refreshTokenEncrypted: true,
      refreshedAt: true,
      refreshCount: true,
      refreshTokenRotations: true,
      lastRefreshError: true,
      state: true,
      lastServedAt: true,
    },
    orderBy: { obtainedAt: "desc" },
  });
  return rows
    .map((row) => ({
      ownerKey: row.ownerKey,
      userId: row.userId,
      userEmail: row.user?.email ?? null,
      tokenType: row.tokenType,
      scope: row.scope,
      obtainedAt: row.obtainedAt,
      expiresAt: row.expiresAt,
      expired: row.expiresAt !== null && row.expiresAt.getTime() <= now.getTime(),
      refreshTokenPresent: row.refreshTokenEncrypted !== null,
      refreshedAt: row.refreshedAt,
      refreshCount: row.refreshCount,
      refreshTokenRotations: row.refreshTokenRotations,
      lastRefreshError: row.lastRefreshError,
      needsReauthorization: row.state === "NEEDS_REAUTHORIZATION",
      suspended: row.ownerKey !== SHARED_OWNER && (!row.user || row.user.disabled),
      lastServedAt: row.lastServedAt,
    }))
    .sort((a, b) => Number(b.ownerKey === SHARED_OWNER) - Number(a.ownerKey === SHARED_OWNER));
}
