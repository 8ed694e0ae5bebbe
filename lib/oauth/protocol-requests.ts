/**
 * Every request Handshake sends on behalf of a client, for tests, probes, the token API's refresh
 * and the API check alike: token requests of each grant (RFC 6749 §4.1.3, §4.4, §6), userinfo
 * (OIDC Core §5.3), introspection (RFC 7662) and revocation (RFC 7009), and the authorization URL
 * with its state, nonce and PKCE values (RFC 7636). Each runs with a ProtocolClient from
 * client-config.ts: the client authentication, the guarded fetch, the token guards and DPoP (RFC 9449) apply.
 */
import * as oc from "openid-client";
import type { ProtocolClient } from "@/lib/oauth/client-config";
import type { IntrospectionResponse, TokenResponse, UserInfoResponse } from "@/lib/oauth/protocol-types";

type Parameters = Record<string, string>;

/** What the code exchange checks on the callback (RFC 6749 §10.12, RFC 7636, OIDC Core §3.1.3.7). */
export type CodeExchangeChecks = {
  pkceCodeVerifier?: string;
  expectedState: string;
  expectedNonce?: string;
  idTokenExpected: boolean;
};

export function requestClientCredentials(client: ProtocolClient, parameters: Parameters): Promise<TokenResponse> {
  return oc.clientCredentialsGrant(client.configuration, parameters, { DPoP: client.dpop });
}

/** Redeems the code at the exact redirect URI that was sent (the callback URL as received). */
export function requestCodeExchange(
  client: ProtocolClient,
  callbackUrl: URL,
  checks: CodeExchangeChecks,
  parameters: Parameters,
): Promise<TokenResponse> {
  return oc.authorizationCodeGrant(client.configuration, callbackUrl, checks, parameters, { DPoP: client.dpop });
}

export function requestRefresh(
  client: ProtocolClient,
  refreshToken: string,
  parameters: Parameters,
): Promise<TokenResponse> {
  return oc.refreshTokenGrant(client.configuration, refreshToken, parameters, { DPoP: client.dpop });
}

/** Userinfo; `expectedSubject` is the ID token's sub (OIDC Core §5.3.2), unchecked when there is none. */
export function requestUserInfo(
  client: ProtocolClient,
  accessToken: string,
  expectedSubject: string | undefined,
): Promise<UserInfoResponse> {
  return oc.fetchUserInfo(client.configuration, accessToken, expectedSubject ?? oc.skipSubjectCheck, {
    DPoP: client.dpop,
  });
}

export function requestIntrospection(
  client: ProtocolClient,
  token: string,
  tokenTypeHint: "access_token" | "refresh_token",
): Promise<IntrospectionResponse> {
  return oc.tokenIntrospection(client.configuration, token, { token_type_hint: tokenTypeHint });
}

export function requestRevocation(
  client: ProtocolClient,
  token: string,
  tokenTypeHint: "access_token" | "refresh_token",
): Promise<void> {
  return oc.tokenRevocation(client.configuration, token, { token_type_hint: tokenTypeHint });
}

export function buildAuthorizationUrl(client: ProtocolClient, parameters: Parameters): URL {
  return oc.buildAuthorizationUrl(client.configuration, parameters);
}

export const randomState = (): string => oc.randomState();
export const randomNonce = (): string => oc.randomNonce();
export const randomPkceVerifier = (): string => oc.randomPKCECodeVerifier();
export const pkceChallengeOf = (verifier: string): Promise<string> => oc.calculatePKCECodeChallenge(verifier);
