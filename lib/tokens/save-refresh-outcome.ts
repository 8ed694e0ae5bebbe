/**
 * The writes that end a refresh, each in one short transaction with its audit event: the new
 * tokens (a rotated refresh token in the same write as the access token it came with), saved
 * unless another refresh was saved since the set was read; or the failure, saved only while the
 * lease is held.
 */
import { storedTokenType } from "@/lib/tokens/dpop-binding";
import type { Connection, TokenSet } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/prisma";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { getConfig } from "@/lib/config/env";
import { describeFailure, type RefreshFailure } from "@/lib/tokens/classify-refresh-failure";
import type { NewTokens } from "@/lib/tokens/request-new-tokens";
import { boundColumnsOf } from "@/lib/tokens/token-binding";
import { markConnectionFailing } from "@/lib/connections/health-problem";
import { notifyHealthChange, notifyNeedsReauthorization } from "@/lib/notifications/health-notifications";
import { processMetrics } from "@/lib/metrics/process-metrics";
import { backgroundRetryDelaySeconds } from "@/lib/tokens/refresh-policy";

export const NEEDS_REAUTHORIZATION = "NEEDS_REAUTHORIZATION";

export type RefreshTrigger = "api" | "background";

export type RefreshContext = { trigger: RefreshTrigger; actor: AuditActor; owner: string };

function auditTarget(connection: Connection) {
  return { type: "connection", id: connection.id, name: connection.name };
}

function grantOf(connection: Connection): "client_credentials" | "refresh_token" {
  return connection.grantType === "client_credentials" ? "client_credentials" : "refresh_token";
}

async function ownerLabel(db: Db, tokenSet: TokenSet): Promise<string> {
  if (!tokenSet.userId) return "shared";
  const user = await db.user.findUnique({ where: { id: tokenSet.userId }, select: { email: true } });
  return user?.email ?? "deleted user";
}

/**
 * Saves new tokens unless another refresh was saved meanwhile (the version moved); null then. Not
 * guarded by the lease: once the provider has rotated the refresh token, the old one is spent, and
 * dropping the new one because the lease ran out would make the next refresh replay the old one,
 * which the provider answers by revoking the whole token family (RFC 9700 §4.14.2).
 */
export async function saveRefreshedTokens(
  db: Db,
  connection: Connection,
  tokenSet: TokenSet,
  tokens: NewTokens,
  context: RefreshContext,
): Promise<TokenSet | null> {
  const seal = (value: string | null, field: string) =>
    value ? encryptSecret(value, { recordId: tokenSet.id, field }) : null;
  const owner = await ownerLabel(db, tokenSet);
  const now = new Date();
  return db.$transaction(async (tx) => {
    const saved = await tx.tokenSet.updateMany({
      where: { id: tokenSet.id, version: tokenSet.version },
      data: {
        accessTokenEncrypted: seal(tokens.accessToken, "accessToken")!,
        refreshTokenEncrypted: seal(tokens.refreshToken, "refreshToken"),
        idTokenEncrypted: seal(tokens.idToken, "idToken"),
        tokenType: storedTokenType(tokens.tokenType),
        dpopJkt: tokens.dpopJkt,
        scope: tokens.scope,
        expiresAt: tokens.expiresAt,
        ...(tokenSet.accessTokenEncrypted ? { refreshedAt: now, refreshCount: { increment: 1 } } : { obtainedAt: now }),
        ...(tokens.rotated ? { refreshTokenRotations: { increment: 1 } } : {}),
        lastRefreshError: null,
        coolDownUntil: null,
        refreshFailures: 0,
        nextBackgroundRefreshAt: null,
        refreshLeaseUntil: null,
        refreshLeaseOwner: null,
        version: { increment: 1 },
        ...boundColumnsOf(tokens.binding),
      },
    });
    if (saved.count === 0) return null;
    await recordAuditEvent(tx, {
      actor: context.actor,
      action: "token.refreshed",
      target: auditTarget(connection),
      details: {
        trigger: context.trigger,
        outcome: "refreshed",
        grant: grantOf(connection),
        rotated: tokens.rotated,
        owner,
        expiresAt: tokens.expiresAt.toISOString(),
        lifetime:
          tokens.lifetimeSource === "provider"
            ? "from the provider"
            : `default of ${connection.defaultTokenLifetime} s (no expires_in)`,
      },
    });
    processMetrics().refreshes.inc({ outcome: "refreshed", trigger: context.trigger });
    return tx.tokenSet.findUniqueOrThrow({ where: { id: tokenSet.id } });
  });
}

/** What the trail says became of a failed refresh. */
function failureOutcome(failure: RefreshFailure) {
  if (failure.kind === "rejected") return "needs re-authorization";
  return failure.where === "console"
    ? "stored secret unreadable, retrying later"
    : "provider unavailable, cooling down";
}

/**
 * A rejected grant marks the set as needing re-authorization and the connection Failing with the
 * diagnosis and what triggered the refresh (never as an edit: "last changed" stays); a transient
 * failure starts the cool-down, and backs the background refresher off further with each one in a
 * row (backgroundRetryDelaySeconds). Either way the lease is released. Saved only while this
 * caller holds the lease; returns whether it was.
 */
export async function saveRefreshFailure(
  db: Db,
  connection: Connection,
  tokenSet: TokenSet,
  failure: RefreshFailure,
  context: RefreshContext,
): Promise<boolean> {
  const owner = await ownerLabel(db, tokenSet);
  const rejected = failure.kind === "rejected";
  const now = Date.now();
  const coolDownSeconds = getConfig().tokenRefreshCoolDownSeconds;
  const coolDownUntil = new Date(now + coolDownSeconds * 1000);
  // The set was read under the lease this write requires, so the count cannot have moved since.
  const failures = tokenSet.refreshFailures + 1;
  const nextBackgroundRefreshAt = new Date(now + backgroundRetryDelaySeconds(failures, coolDownSeconds) * 1000);
  return db.$transaction(async (tx) => {
    const saved = await tx.tokenSet.updateMany({
      where: { id: tokenSet.id, refreshLeaseOwner: context.owner },
      data: {
        ...(rejected
          ? { state: NEEDS_REAUTHORIZATION, coolDownUntil: null, refreshFailures: 0, nextBackgroundRefreshAt: null }
          : { coolDownUntil, refreshFailures: failures, nextBackgroundRefreshAt }),
        lastRefreshError: describeFailure(failure.diagnosis),
        refreshLeaseUntil: null,
        refreshLeaseOwner: null,
        version: { increment: 1 },
      },
    });
    if (saved.count === 0) return false;
    if (rejected) {
      // Before the write below: the change from Healthy is what notifies, once per incident.
      await notifyHealthChange(tx, connection, "FAILING", { diagnosis: failure.diagnosis, testRunId: null });
      if (tokenSet.state !== NEEDS_REAUTHORIZATION && connection.grantType !== "client_credentials")
        await notifyNeedsReauthorization(tx, connection, { owner, diagnosis: failure.diagnosis });
      await markConnectionFailing(tx, connection.id, {
        source: context.trigger,
        title: failure.diagnosis.title,
        code: failure.diagnosis.code,
        at: new Date().toISOString(),
        by: context.trigger === "api" ? context.actor.email : null,
        owner,
      });
    }
    await recordAuditEvent(tx, {
      actor: context.actor,
      action: "token.refresh_failed",
      target: auditTarget(connection),
      details: {
        trigger: context.trigger,
        outcome: failureOutcome(failure),
        grant: grantOf(connection),
        owner,
        error: failure.diagnosis.code,
        diagnosis: failure.diagnosis.title,
        ...(rejected
          ? {}
          : {
              retryAfter: coolDownUntil.toISOString(),
              failuresInARow: failures,
              nextBackgroundAttempt: nextBackgroundRefreshAt.toISOString(),
            }),
      },
    });
    const outcome = rejected ? "needs_reauthorization" : "cooling_down";
    processMetrics().refreshes.inc({ outcome, trigger: context.trigger });
    return true;
  });
}
