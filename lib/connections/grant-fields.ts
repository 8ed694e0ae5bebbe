/**
 * Which choices apply to a grant type, so forms offer only those (a public client only with
 * PKCE, RFC 7636 §1 / RFC 8252 §8.4; per-user tokens and a callback only where a user signs in),
 * and what a switch of grant type must change so the chosen values stay valid, remembering the
 * displaced ones to give them back when the admin switches back.
 */
import { TOKEN_SHARING, usesAuthorizationCode, type GrantType } from "@/lib/connections/connection-options";
import { CLIENT_AUTH_METHODS, type ClientAuthMethod } from "@/lib/oauth/client-auth/client-auth-methods";

type TokenSharing = (typeof TOKEN_SHARING)[number];

export function clientAuthMethodsFor(grantType: string): ClientAuthMethod[] {
  return CLIENT_AUTH_METHODS.filter((m) => m !== "none" || grantType === "authorization_code_pkce");
}

export function tokenSharingFor(grantType: string): TokenSharing[] {
  return TOKEN_SHARING.filter((s) => s !== "PER_USER" || usesAuthorizationCode(grantType));
}

/** The callback URL only matters where the provider redirects a user back. */
export function usesCallbackUrl(grantType: string): boolean {
  return usesAuthorizationCode(grantType);
}

export type GrantDependentValues = { clientAuthMethod: ClientAuthMethod; tokenSharing: TokenSharing };

/**
 * The values to set when the grant type changes to `next`: a choice the new grant does not offer
 * is replaced by the default and kept in `displaced`; a displaced choice the new grant offers
 * again comes back. Everything else the admin typed stays as it is.
 */
export function valuesForGrant(
  current: GrantDependentValues,
  next: GrantType,
  displaced: Partial<GrantDependentValues>,
): { changes: Partial<GrantDependentValues>; displaced: Partial<GrantDependentValues> } {
  const changes: Partial<GrantDependentValues> = {};
  const remaining: Partial<GrantDependentValues> = { ...displaced };
  function adjust<Key extends keyof GrantDependentValues>(
    key: Key,
    offered: readonly GrantDependentValues[Key][],
    fallback: GrantDependentValues[Key],
  ) {
    const held = displaced[key];
    if (!offered.includes(current[key])) {
      remaining[key] = current[key];
      changes[key] = fallback;
    } else if (held && offered.includes(held)) {
      changes[key] = held;
      delete remaining[key];
    }
  }
  adjust("clientAuthMethod", clientAuthMethodsFor(next), "client_secret_basic");
  adjust("tokenSharing", tokenSharingFor(next), "SHARED");
  return { changes, displaced: remaining };
}
