/**
 * Whether a token endpoint accepts a client's ID and secret, without a user: an authorization code
 * grant with a code that cannot exist. A server that authenticated the client first answers
 * `invalid_grant` (RFC 6749 §5.2); `invalid_client` (or a 401) means the client was refused.
 * Used before the console's own single sign-on is switched on. Through the guarded fetch.
 */
import * as oc from "openid-client";
import { guardedFetch, type GuardedFetch } from "@/lib/net/guarded-fetch";
import type { AuthorizationServerMetadata } from "@/lib/oauth/discover-metadata";

export type ClientAuthProbeResult = { accepted: true } | { accepted: false; problem: string };

const PROBE_CODE = "handshake-client-authentication-probe";

export async function probeClientSecretBasic(
  metadata: AuthorizationServerMetadata,
  client: { clientId: string; clientSecret: string; redirectUri: string },
  options: { fetch?: GuardedFetch } = {},
): Promise<ClientAuthProbeResult> {
  if (!metadata.token_endpoint) return { accepted: false, problem: "The discovery document names no token endpoint." };
  const configuration = new oc.Configuration(
    metadata,
    client.clientId,
    undefined,
    oc.ClientSecretBasic(client.clientSecret),
  );
  // The guarded fetch decides which protocols are allowed (OUTBOUND_ALLOW_HTTP).
  oc.allowInsecureRequests(configuration);
  configuration[oc.customFetch] = options.fetch ?? guardedFetch;
  configuration.timeout = 10;
  try {
    await oc.genericGrantRequest(configuration, "authorization_code", {
      code: PROBE_CODE,
      redirect_uri: client.redirectUri,
    });
    return { accepted: false, problem: "The token endpoint accepted a code that cannot exist." };
  } catch (error) {
    if (error instanceof oc.ResponseBodyError) {
      if (error.error === "invalid_grant") return { accepted: true };
      if (error.error === "invalid_client")
        return { accepted: false, problem: "The IdP refused the client ID or secret (invalid_client)." };
      return { accepted: false, problem: `The token endpoint answered ${error.error} (HTTP ${error.status}).` };
    }
    if (error instanceof oc.WWWAuthenticateChallengeError)
      return { accepted: false, problem: `The IdP refused the client ID or secret (HTTP ${error.status}).` };
    return { accepted: false, problem: `The token endpoint could not be reached: ${messageOf(error)}` };
  }
}

function messageOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
  return [error instanceof Error ? error.message : String(error), cause].filter(Boolean).join(": ").slice(0, 300);
}
