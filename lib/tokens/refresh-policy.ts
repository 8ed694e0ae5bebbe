/**
 * When a stored access token is replaced before it is served. The connection's refresh margin
 * and the caller's min_valid_seconds ask for a token valid that much longer, but never for more
 * than half the token's own lifetime: with Keycloak's five-minute tokens under the default
 * five-minute margin, or a caller asking for more than the provider ever issues, every call would
 * otherwise fetch a new token. A still-valid token younger than MIN_TOKEN_AGE_SECONDS is never
 * replaced. So a token is requested at most once per half lifetime, however the API is called;
 * the answer says when the token served lives shorter than the caller asked.
 */
import crypto from "node:crypto";
import type { TokenSet } from "@/lib/db/generated/client";

/** The share of a token's lifetime a margin may claim. */
export const LIFETIME_FRACTION = 0.5;
export const MIN_TOKEN_AGE_SECONDS = 10;

export type TokenTiming = Pick<TokenSet, "accessTokenEncrypted" | "expiresAt" | "obtainedAt" | "refreshedAt">;

/** When the current access token was issued: its first fetch, or the refresh that replaced it. */
function issuedAt(tokenSet: Pick<TokenSet, "obtainedAt" | "refreshedAt">): number {
  return Math.max(tokenSet.obtainedAt.getTime(), tokenSet.refreshedAt?.getTime() ?? 0);
}

/** Whether the set must be refreshed before it is served to a caller that needs `minValidSeconds`. */
export function needsRefresh(
  tokenSet: TokenTiming,
  connection: { refreshMarginSeconds: number },
  minValidSeconds: number,
  now = Date.now(),
): boolean {
  if (!tokenSet.accessTokenEncrypted) return true;
  if (!tokenSet.expiresAt) return false;
  const expiresAt = tokenSet.expiresAt.getTime();
  if (expiresAt <= now) return true;
  const issued = issuedAt(tokenSet);
  if (now - issued < MIN_TOKEN_AGE_SECONDS * 1000) return false;
  const wanted = Math.min(
    Math.max(connection.refreshMarginSeconds, minValidSeconds) * 1000,
    (expiresAt - issued) * LIFETIME_FRACTION,
  );
  return expiresAt - now < wanted;
}

/** A Handshake-Warning when the token served is valid for less than `minValidSeconds`; null when it is not. */
export function shortLivedWarning(tokenSet: TokenTiming, minValidSeconds: number, now = Date.now()): string | null {
  if (!minValidSeconds || !tokenSet.expiresAt) return null;
  const left = Math.max(0, Math.floor((tokenSet.expiresAt.getTime() - now) / 1000));
  if (left >= minValidSeconds) return null;
  const lifetime = Math.max(0, Math.round((tokenSet.expiresAt.getTime() - issuedAt(tokenSet)) / 1000));
  return `199 handshake "The token is valid for ${left} s, less than the ${minValidSeconds} s asked (min_valid_seconds): it was issued for ${lifetime} s, and a token is replaced only once half its lifetime has passed"`;
}

/**
 * A token's place in the spread: its set id and issue time hashed into [0, 1), so every process and
 * every scan agree on it, and each new token of the set draws a new place (a place kept for good would
 * keep sets with nearby places in step, and their refreshes would pile up in the same minutes).
 */
export function spreadPosition(tokenSetId: string, issuedAtMs: number): number {
  return crypto.createHash("sha256").update(`${tokenSetId}:${issuedAtMs}`).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * How long before expiry the background refresher renews a set (#26). A fleet of tokens issued
 * together (a restart, a provider outage) would otherwise come due together at every lifetime; each
 * set instead renews at its own point between the margin (plus one scan) and half its lifetime, so
 * the first cycle after a herd spreads over that window and later ones stay apart. Never more than
 * half the lifetime, so a set is still renewed at most once per half lifetime (needsRefresh).
 */
export function backgroundLeadSeconds(
  tokenSet: Pick<TokenSet, "id" | "expiresAt" | "obtainedAt" | "refreshedAt">,
  connection: { refreshMarginSeconds: number },
  scanIntervalSeconds: number,
): number {
  const base = connection.refreshMarginSeconds + scanIntervalSeconds;
  if (!tokenSet.expiresAt) return base;
  const issued = issuedAt(tokenSet);
  const lifetimeSeconds = (tokenSet.expiresAt.getTime() - issued) / 1000;
  const room = Math.max(0, lifetimeSeconds * LIFETIME_FRACTION - base);
  return Math.round(base + spreadPosition(tokenSet.id, issued) * room);
}

/** The longest the background refresher leaves a failing set alone. */
export const MAX_BACKGROUND_RETRY_SECONDS = 30 * 60;

/**
 * How long the background refresher leaves a set alone after its `failures`-th transient failure
 * in a row: the cool-down, doubled with each failure, up to half an hour. The token API still
 * tries once the cool-down ends, so a bot is not kept waiting by the backoff; only the refresher's
 * own attempts (and their audit events) thin out: a day-long outage costs a set about 50, not
 * 2,880 at a 30 s cool-down.
 */
export function backgroundRetryDelaySeconds(failures: number, coolDownSeconds: number): number {
  const cap = Math.max(coolDownSeconds, MAX_BACKGROUND_RETRY_SECONDS);
  return Math.min(cap, coolDownSeconds * 2 ** Math.min(30, Math.max(0, failures - 1)));
}
