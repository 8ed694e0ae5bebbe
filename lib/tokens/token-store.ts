/**
 * Stored token sets: encrypted at rest (lib/crypto/secret-box, bound to the row id and field),
 * one per connection and owner: "shared" for a Shared connection's saved login credentials, the
 * user id for a Per-user connection. Status reads never decrypt anything.
 */
import crypto from "node:crypto";
import { prisma as db } from "@/lib/db/prisma";
import type { Tx } from "@/lib/db/prisma";
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

/** Replaces the owner's token set for the connection (a new authorization starts a new set). */
export async function storeTokenSet(
  tx: Tx,
  input: { connectionId: string; ownerKey: string; userId: string | null; tokens: TokenSetToStore },
): Promise<{ id: string }> {
  const id = tokenSetId(input.connectionId, input.ownerKey);
  const { tokens } = input;
  const seal = (value: string | undefined, field: string) => (value ? encryptSecret(value, { recordId: id, field }) : null);
  const data = {
    userId: input.userId,
    accessTokenEncrypted: seal(tokens.accessToken, "accessToken")!,
    refreshTokenEncrypted: seal(tokens.refreshToken, "refreshToken"),
    idTokenEncrypted: seal(tokens.idToken, "idToken"),
    tokenType: tokens.tokenType,
    scope: tokens.scope ?? null,
    expiresAt: tokens.expiresAt,
    obtainedAt: tokens.obtainedAt,
    refreshedAt: tokens.refreshedAt ?? null,
    refreshCount: tokens.refreshCount,
    refreshTokenRotations: tokens.refreshTokenRotations,
    lastRefreshError: null,
    // A new authorization ends a "needs re-authorization" state and any refresh cool-down.
    state: "VALID",
    coolDownUntil: null,
    refreshLeaseUntil: null,
    refreshLeaseOwner: null,
  };
  await tx.tokenSet.upsert({
    where: { id },
    create: { id, connectionId: input.connectionId, ownerKey: input.ownerKey, ...data },
    update: { ...data, version: { increment: 1 } },
    select: { id: true },
  });
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
  lastServedAt: Date | null;
};

/** Token status of every stored set of a connection, shared first; no secret is read. */
export async function listTokenStatuses(connectionId: string, now = new Date()): Promise<TokenStatus[]> {
  const rows = await db.tokenSet.findMany({
    where: { connectionId },
    select: {
      ownerKey: true,
      userId: true,
      user: { select: { email: true } },
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
      lastServedAt: row.lastServedAt,
    }))
    .sort((a, b) => Number(b.ownerKey === SHARED_OWNER) - Number(a.ownerKey === SHARED_OWNER));
}
