/**
 * Real tokens from the test authorization server for token-API tests and the benchmark: the
 * authorization code flow with PKCE played through the provider's login and consent pages, with
 * offline_access so a (rotating) refresh token comes back.
 */
import * as oc from "openid-client";
import { driveProviderLogin } from "@/lib/testing/drive-provider-login";
import type { TokenSetToStore } from "@/lib/tokens/token-store";

/** A confidential client of the test server (client_secret_basic, plain http on loopback). */
type TestClient = { issuer: string; clientId: string; clientSecret: string };

function discoverClient(client: TestClient): Promise<oc.Configuration> {
  return oc.discovery(new URL(client.issuer), client.clientId, undefined, oc.ClientSecretBasic(client.clientSecret), {
    execute: [oc.allowInsecureRequests],
  });
}

export async function obtainTokensByAuthorizationCode(
  input: TestClient & { callbackUrl: string; login?: string },
): Promise<oc.TokenEndpointResponse> {
  const config = await discoverClient(input);
  const verifier = oc.randomPKCECodeVerifier();
  const url = oc.buildAuthorizationUrl(config, {
    redirect_uri: input.callbackUrl,
    scope: "openid offline_access email",
    prompt: "consent",
    code_challenge: await oc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  });
  const callback = await driveProviderLogin(url.href, input.callbackUrl, { login: input.login });
  return oc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier });
}

/** Asks the server whether a token is (still) accepted: RFC 7662 introspection. */
export async function introspectAtProvider(input: TestClient & { token: string }): Promise<boolean> {
  const config = await discoverClient(input);
  const result = await oc.tokenIntrospection(config, input.token);
  return result.active === true;
}

/** Revokes a refresh token at the server (RFC 7009), as another party would. */
export async function revokeAtProvider(input: TestClient & { token: string }): Promise<void> {
  const config = await discoverClient(input);
  await oc.tokenRevocation(config, input.token, { token_type_hint: "refresh_token" });
}

/** Uses a refresh token directly at the server; returns the OAuth error code, or "ok". */
export async function tryRefreshAtProvider(input: TestClient & { refreshToken: string }): Promise<string> {
  const config = await discoverClient(input);
  try {
    await oc.refreshTokenGrant(config, input.refreshToken);
    return "ok";
  } catch (error) {
    return error instanceof oc.ResponseBodyError ? error.error : "failed";
  }
}

/** What the token store keeps of tokens just obtained, as a set that was never refreshed. */
export function freshTokenSet(tokens: oc.TokenEndpointResponse, expiresAt: Date): TokenSetToStore {
  return {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    idToken: tokens.id_token,
    tokenType: tokens.token_type,
    scope: tokens.scope,
    expiresAt,
    obtainedAt: new Date(),
    refreshCount: 0,
    refreshTokenRotations: 0,
  };
}
