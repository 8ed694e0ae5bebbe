/**
 * Stored token sets: encrypted at rest (lib/crypto/secret-box, bound to the row id and field),
 * one per connection and owner: "shared" for a Shared connection's saved login credentials, the
 * user id for a Per-user connection. Status reads never decrypt anything. Each set records what
 * issued it (lib/tokens/token-binding.ts).
 */
import { storedTokenType } from "@/lib/tokens/dpop-binding";
import crypto from "node:crypto";
import { prisma as db } from "@/lib/db/prisma";
import type { Tx } from "@/lib/db/prisma";
import { sql, sqlRunnerFor, type SqlRunner } from "@/lib/db/raw-sql";
import { encryptSecret } from "@/lib/crypto/secret-box";
import type { TokenSet } from "@/lib/db/generated/client";
import { boundColumnsOf, type TokenBinding } from "@/lib/tokens/token-binding";
import { NEEDS_REAUTHORIZATION } from "@/lib/tokens/save-refresh-outcome";

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
  /** RFC 9449 §6: the thumbprint of the DPoP key the tokens are bound to, when DPoP-bound. */
  dpopJkt?: string | null;
};

/**
 * A Shared token set from a token response just received (never refreshed): `set` adds when it
 * was obtained and expires, and what else the caller knows of it (DPoP binding, scope).
 */
export function freshSharedTokenSet(
  response: { access_token: string; refresh_token?: string; token_type: string },
  set: Pick<TokenSetToStore, "expiresAt" | "obtainedAt" | "dpopJkt" | "scope">,
): { ownerKey: string; userId: null; tokens: TokenSetToStore } {
  return {
    ownerKey: SHARED_OWNER,
    userId: null,
    tokens: {
      accessToken: response.access_token,
      refreshToken: response.refresh_token,
      tokenType: response.token_type,
      ...set,
      refreshCount: 0,
      refreshTokenRotations: 0,
    },
  };
}

/**
 * The row id of an owner's token set, whoever creates the row (a test, or the token API's first
 * client-credentials request): derived from connection and owner, so the ciphertexts can be bound
 * to it (associated data) before the row exists, and the write is a single upsert.
 */
export function tokenSetIdFor(connectionId: string, ownerKey: string): string {
  return `ts_${crypto.createHash("sha256").update(`${connectionId}|${ownerKey}`).digest("base64url").slice(0, 24)}`;
}

/**
 * Replaces the owner's token set for the connection (a new authorization starts a new set). Plain
 * SQL (lib/db/raw-sql.ts): it is part of every recorded test, whose write is one transaction.
 */
export async function storeTokenSet(
  tx: Tx | SqlRunner,
  input: {
    connectionId: string;
    ownerKey: string;
    userId: string | null;
    tokens: TokenSetToStore;
    binding: TokenBinding;
  },
): Promise<{ id: string }> {
  const id = tokenSetIdFor(input.connectionId, input.ownerKey);
  const { tokens } = input;
  const bound = boundColumnsOf(input.binding);
  const seal = (value: string | undefined, field: string) =>
    value ? encryptSecret(value, { recordId: id, field }) : null;
  const now = new Date();
  // A new authorization ends a "needs re-authorization" state, any refresh cool-down and lease.
  // The conflict is on the set's identity, connection and owner: a row written under another id
  // (before ids were derived everywhere) takes the derived one with its new ciphertexts.
  await sqlRunnerFor(tx)
    .execute(sql`INSERT INTO "TokenSet" ("id", "connectionId", "ownerKey", "userId", "accessTokenEncrypted",
    "refreshTokenEncrypted", "idTokenEncrypted", "tokenType", "scope", "expiresAt", "obtainedAt", "refreshedAt", "refreshCount",
    "refreshTokenRotations", "lastRefreshError", "refreshLeaseUntil", "refreshLeaseOwner", "state", "coolDownUntil", "version",
    "createdAt", "updatedAt", "boundIssuer", "boundTokenOrigin", "boundClientId", "dpopJkt")
    VALUES (${id}, ${input.connectionId}, ${input.ownerKey}, ${input.userId}, ${seal(tokens.accessToken, "accessToken")},
    ${seal(tokens.refreshToken, "refreshToken")}, ${seal(tokens.idToken, "idToken")}, ${storedTokenType(tokens.tokenType)}, ${tokens.scope ?? null},
    ${tokens.expiresAt}, ${tokens.obtainedAt}, ${tokens.refreshedAt ?? null}, ${tokens.refreshCount}, ${tokens.refreshTokenRotations},
    ${null}, ${null}, ${null}, ${"VALID"}, ${null}, ${1}, ${now}, ${now}, ${bound.boundIssuer}, ${bound.boundTokenOrigin}, ${bound.boundClientId}, ${tokens.dpopJkt ?? null})
    ON CONFLICT ("connectionId", "ownerKey") DO UPDATE SET "id" = excluded."id", "userId" = excluded."userId", "accessTokenEncrypted" = excluded."accessTokenEncrypted",
    "refreshTokenEncrypted" = excluded."refreshTokenEncrypted", "idTokenEncrypted" = excluded."idTokenEncrypted",
    "tokenType" = excluded."tokenType", "scope" = excluded."scope", "expiresAt" = excluded."expiresAt",
    "obtainedAt" = excluded."obtainedAt", "refreshedAt" = excluded."refreshedAt", "refreshCount" = excluded."refreshCount",
    "refreshTokenRotations" = excluded."refreshTokenRotations", "lastRefreshError" = NULL, "state" = excluded."state",
    "coolDownUntil" = NULL, "refreshFailures" = 0, "nextBackgroundRefreshAt" = NULL, "refreshLeaseUntil" = NULL, "refreshLeaseOwner" = NULL,
    "version" = "TokenSet"."version" + 1, "updatedAt" = excluded."updatedAt", "boundIssuer" = excluded."boundIssuer",
    "boundTokenOrigin" = excluded."boundTokenOrigin", "boundClientId" = excluded."boundClientId", "dpopJkt" = excluded."dpopJkt"`);
  return { id };
}

/**
 * The empty, expired set the token API creates for a client-credentials connection's first
 * request, under the same identity a test's store uses; an existing set wins a race.
 */
export async function findOrCreateEmptyTokenSet(connectionId: string, ownerKey: string): Promise<TokenSet> {
  try {
    return await db.tokenSet.create({
      data: {
        id: tokenSetIdFor(connectionId, ownerKey),
        connectionId,
        ownerKey,
        accessTokenEncrypted: "",
        tokenType: "bearer",
        expiresAt: new Date(0),
      },
    });
  } catch {
    // Another request created it first (unique connection and owner).
    return db.tokenSet.findUniqueOrThrow({ where: { connectionId_ownerKey: { connectionId, ownerKey } } });
  }
}

/**
 * Marks every set of the connection "needs re-authorization" (no provider call until a new
 * authorization) and ends any refresh in flight: what issued them is no longer what the
 * connection points at. Returns how many sets were marked.
 */
export async function markTokenSetsForReauthorization(tx: Tx, connectionId: string, reason: string): Promise<number> {
  const { count } = await tx.tokenSet.updateMany({
    where: { connectionId, state: { not: NEEDS_REAUTHORIZATION } },
    data: {
      state: NEEDS_REAUTHORIZATION,
      lastRefreshError: reason,
      coolDownUntil: null,
      refreshFailures: 0,
      nextBackgroundRefreshAt: null,
      refreshLeaseUntil: null,
      refreshLeaseOwner: null,
      version: { increment: 1 },
    },
  });
  return count;
}

/** How many token sets the connection holds (the edit form warns before an edit would mark them). */
export function countTokenSets(connectionId: string, tx: Tx = db): Promise<number> {
  return tx.tokenSet.count({ where: { connectionId } });
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
  /** Transient refresh failures in a row, and when the background refresher tries again after them. */
  refreshFailures: number;
  nextBackgroundRefreshAt: Date | null;
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
      refreshFailures: true,
      nextBackgroundRefreshAt: true,
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
      refreshFailures: row.refreshFailures,
      nextBackgroundRefreshAt: row.nextBackgroundRefreshAt,
      needsReauthorization: row.state === "NEEDS_REAUTHORIZATION",
      suspended: row.ownerKey !== SHARED_OWNER && (!row.user || row.user.disabled),
      lastServedAt: row.lastServedAt,
    }))
    .sort((a, b) => Number(b.ownerKey === SHARED_OWNER) - Number(a.ownerKey === SHARED_OWNER));
}
