/**
 * When a stored access token is replaced before it is served. The connection's refresh margin
 * and the caller's min_valid_seconds ask for a token valid that much longer, but never for more
 * than half the token's own lifetime: with Keycloak's five-minute tokens under the default
 * five-minute margin, or a caller asking for more than the provider ever issues, every call would
 * otherwise fetch a new token. A still-valid token younger than MIN_TOKEN_AGE_SECONDS is never
 * replaced. So a token is requested at most once per half lifetime, however the API is called;
 * the answer says when the token served lives shorter than the caller asked.
 */
import type { TokenSet } from "@/lib/db/generated/client";

/** The share of a token's lifetime a margin may claim. */
export const LIFETIME_FRACTION = 0.5;
export const MIN_TOKEN_AGE_SECONDS = 10;

export type TokenTiming = Pick<TokenSet, "accessTokenEncrypted" | "expiresAt" | "obtainedAt" | "refreshedAt">;

/** When the current access token was issued: its first fetch, or the refresh that replaced it. */
function issuedAt(tokenSet: TokenTiming): number {
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
