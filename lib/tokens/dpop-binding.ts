/**
 * Whether a token set is bound (RFC 9449 §6) to another DPoP key than the connection's current one
 * (DPoP turned off, or a new key): its token would fail at the API with the proofs the console now
 * signs, so it is refreshed (with the current key) rather than served as valid.
 */
export function dpopKeyMoved(tokenSet: { dpopJkt: string | null }, currentJkt: string | null): boolean {
  return tokenSet.dpopJkt !== null && tokenSet.dpopJkt !== currentJkt;
}

/** RFC 9449 §5 spells the type "DPoP" (openid-client lowercases token_type): stored and served so. */
export function storedTokenType(tokenType: string): string {
  return tokenType.toLowerCase() === "dpop" ? "DPoP" : tokenType;
}
