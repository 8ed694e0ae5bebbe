/**
 * next-auth's OpenID Connect provider for the console's own single sign-on, built per request from
 * the settings in force (lib/auth/sso-settings.ts). Discovery runs here through the guarded fetch
 * (lib/oauth/discover-metadata.ts) and next-auth gets the endpoints as found, so it makes no
 * discovery call of its own. Code flow with PKCE, state and nonce; the ID token is validated by
 * next-auth (OIDC Core §3.1.3.7) and the role claim read from it or from UserInfo.
 */
import { guardedNodeHttp, OutboundBlockedError } from "@/lib/net/guarded-fetch";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { discoverMetadata, type AuthorizationServerMetadata } from "@/lib/oauth/discover-metadata";
import { openSsoClientSecret, readActiveSsoSettings, type SsoSettings } from "@/lib/auth/sso-settings";

export const SSO_PROVIDER_ID = "sso";

export type SsoClaims = Record<string, unknown> & { sub: string };

const DISCOVERY_CACHE_MS = 60_000;
const discoveries = new Map<string, { at: number; metadata: AuthorizationServerMetadata }>();

/** The IdP's metadata, cached a minute per issuer: every next-auth request builds the provider. */
export async function discoverSsoIssuer(issuer: string): Promise<AuthorizationServerMetadata | null> {
  const cached = discoveries.get(issuer);
  if (cached && Date.now() - cached.at < DISCOVERY_CACHE_MS) return cached.metadata;
  const result = await discoverMetadata(issuer);
  if (!result.ok) return null;
  discoveries.set(issuer, { at: Date.now(), metadata: result.metadata });
  return result.metadata;
}

/** The ID token algorithm to expect: RS256 when offered (OIDC Core §15.1), else the first the IdP lists. */
function idTokenAlgorithm(metadata: AuthorizationServerMetadata): string {
  const offered = metadata.id_token_signing_alg_values_supported ?? [];
  return offered.includes("RS256") || offered.length === 0 ? "RS256" : offered[0]!;
}

export function buildSsoProvider(
  settings: SsoSettings,
  metadata: AuthorizationServerMetadata,
  clientSecret: string,
): OAuthConfig<SsoClaims> {
  // next-auth's own openid-client (v5, node:http) makes the token, UserInfo and JWKS requests: the
  // guarded fetch's rules reach it as a URL check here and its resolver in httpOptions.
  const outbound = guardedNodeHttp();
  for (const url of [metadata.token_endpoint, metadata.userinfo_endpoint, metadata.jwks_uri])
    if (url) outbound.checkUrl(url);
  return {
    id: SSO_PROVIDER_ID,
    httpOptions: outbound.httpOptions as OAuthConfig<SsoClaims>["httpOptions"],
    name: settings.buttonLabel,
    type: "oauth",
    issuer: metadata.issuer,
    clientId: settings.clientId,
    clientSecret,
    authorization: { url: metadata.authorization_endpoint, params: { scope: settings.scopes } },
    token: { url: metadata.token_endpoint },
    jwks_endpoint: metadata.jwks_uri,
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    client: {
      token_endpoint_auth_method: "client_secret_basic",
      id_token_signed_response_alg: idTokenAlgorithm(metadata),
    },
    userinfo: {
      url: metadata.userinfo_endpoint,
      // The validated ID token's claims, completed by UserInfo when the IdP has it: some IdPs put
      // groups only in one of them. UserInfo's sub must match (OIDC Core §5.3.2; openid-client checks).
      async request({ client, tokens }) {
        // next-auth hands over openid-client's TokenSet, typed as its parameters only; given the
        // TokenSet, userinfo() checks its sub against the ID token's.
        const tokenSet = tokens as unknown as { claims(): SsoClaims } & Parameters<typeof client.userinfo>[0];
        const idClaims = tokenSet.claims();
        if (!metadata.userinfo_endpoint || !tokens.access_token) return idClaims;
        const userinfo = await client.userinfo(tokenSet);
        return { ...userinfo, ...idClaims };
      },
    },
    profile(profile) {
      return {
        id: profile.sub,
        email: typeof profile.email === "string" ? profile.email : null,
        name: typeof profile.name === "string" ? profile.name : null,
      };
    },
  };
}

/** The provider when single sign-on is on and its IdP answers discovery, else null (local sign-in only). */
export async function activeSsoProvider(): Promise<OAuthConfig<SsoClaims> | null> {
  const settings = await readActiveSsoSettings();
  if (!settings) return null;
  const [metadata, secret] = await Promise.all([discoverSsoIssuer(settings.issuer), openSsoClientSecret()]);
  if (!metadata || !secret) return null;
  try {
    return buildSsoProvider(settings, metadata, secret);
  } catch (error) {
    // An endpoint the outbound rules refuse: no SSO button, as when the IdP does not answer.
    if (error instanceof OutboundBlockedError) return null;
    throw error;
  }
}
