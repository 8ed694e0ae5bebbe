/**
 * Token: the token endpoint's answers to a grant request, by OAuth error code (RFC 6749 §5.2,
 * RFC 8707 §2) and for refusals that give no code at all.
 */
import type { Catalogue } from "@/lib/diagnosis/diagnosis";
import type { Said } from "@/lib/diagnosis/shared-wording";

export const TOKEN_DIAGNOSES = {
  public_client_refused: {
    code: "invalid_client",
    title: "Client authentication failed",
    cause: (facts: Said) =>
      `The provider did not accept the client without a secret: it is not registered as a public client.${facts.said}`,
    fix: (facts: { other: string }) =>
      `Enter the client's secret and choose ${facts.other}, or register the client as public (token endpoint authentication “none”) at the provider.`,
  },
  invalid_client: {
    code: "invalid_client",
    title: "Client authentication failed",
    cause: (facts: Said & { method: string }) =>
      `The provider did not accept the client credentials: the client secret is wrong, or the provider expects another client authentication method than ${facts.method}.${facts.said}`,
    fix: (facts: { method: string; other: string }) =>
      `First re-enter the client secret (copy it again from the provider). If it is right, change the client authentication method to ${facts.other} and test again.` +
      (facts.method === "client_secret_basic"
        ? " Some providers also fail to decode Basic credentials with special characters (RFC 6749 §2.3.1): client_secret_post avoids that."
        : ""),
  },
  client_credentials_refused: {
    code: "invalid_grant",
    title: "Grant refused",
    cause: (facts: Said) => `The provider refused the client credentials grant.${facts.said}`,
    fix: "Check the client's permissions and the requested scopes, audience and resource at the provider.",
  },
  authorization_code_refused: {
    code: "invalid_grant",
    title: "Authorization code refused",
    cause: (facts: Said) =>
      "The provider refused the authorization code: it expired or was already used, the redirect URI in the token request differs from the one in the authorization request, or the PKCE verifier does not match the challenge." +
      facts.said,
    fix: (facts: { callbackUrl: string }) =>
      `Run the test again promptly (codes are single-use and short-lived). Make sure the callback URL registered at the provider is exactly ${facts.callbackUrl}.`,
  },
  unauthorized_client: {
    code: "unauthorized_client",
    title: "Grant type not allowed for this client",
    cause: (facts: Said & { grant: string }) =>
      `The provider does not allow this client to use the ${facts.grant} grant.${facts.said}`,
    fix: (facts: { grant: string }) =>
      `Enable the ${facts.grant} grant for this client in the provider's app registration, or choose the grant type the client is registered for.`,
  },
  unsupported_grant_type: {
    code: "unsupported_grant_type",
    title: "Grant type not supported",
    cause: (facts: Said & { grant: string }) =>
      `The provider does not support the ${facts.grant} grant at this token endpoint.${facts.said}`,
    fix: "Check the token URL and the provider's documentation for the grant types it supports.",
  },
  invalid_scope: {
    code: "invalid_scope",
    title: "Scopes refused",
    cause: (facts: Said & { scopes: string }) =>
      `The provider refused the requested scopes (${facts.scopes || "none"}).${facts.said}`,
    fix: "Remove scopes this client is not allowed to request, check their spelling, and grant them to the client at the provider.",
  },
  invalid_target: {
    code: "invalid_target",
    title: "Resource or audience refused",
    cause: (facts: Said & { resource: string; audience: string }) =>
      `The provider does not recognise the requested resource${facts.resource ? ` (${facts.resource})` : ""}${facts.audience ? ` or audience (${facts.audience})` : ""} (RFC 8707).${facts.said}`,
    fix: "Use the resource indicator or audience exactly as the provider registered the API, or clear the field.",
  },
  invalid_request: {
    code: "invalid_request",
    title: "Request refused as invalid",
    cause: (facts: Said) => `The provider says the request is malformed or missing something.${facts.said}`,
    fix: "Check the additional authorization and token parameters, the scopes and the PKCE setting against the provider's documentation.",
  },
  provider_error: {
    code: "provider_error",
    title: "The provider returned an error",
    cause: (facts: Said & { error: string; source: string }) =>
      `The provider answered with the non-standard error code “${facts.error}”${facts.source ? ` in ${facts.source}` : ""}.${facts.said}`,
    fix: "Look the code up in the provider's documentation; it is not one of the OAuth error codes (RFC 6749 §5.2).",
  },
  /**
   * A 400, 401 or 403 with an empty or non-JSON body: the provider refused without saying why.
   * Many servers answer a wrong secret, an unexpected client authentication encoding, a missing
   * scope and a disabled grant all the same way, so the causes are listed in the order they turn
   * out to be the problem.
   */
  refused_without_reason: {
    code: "refused_without_reason",
    title: "The provider refused the request without saying why",
    cause: (facts: { status: string; empty: boolean; contentType: string; method: string; grant: string }) =>
      `The token endpoint answered ${facts.status} with ${facts.empty ? "an empty body" : `a ${facts.contentType} body that is not an OAuth error`}: no error code, no description. Likely causes, most likely first: (1) the client ID or secret is wrong; (2) the provider expects another client authentication method${facts.method === "client_secret_basic" ? " or Basic credentials encoded differently (form-encoded RFC 6749 §2.3.1 vs plain RFC 7617)" : ""}; (3) the provider requires or refuses a scope; (4) the ${facts.grant} grant is not enabled for this client.`,
    fix: "Re-enter the client secret first. Then check the client authentication method, the scopes and the client's enabled grants in the provider's app registration. The probes below show which of these the provider reacts to.",
  },
  invalid_token_response: {
    code: "invalid_token_response",
    title: "Token response incomplete",
    cause: (facts: { message: string }) =>
      `The token response is missing a required field or has one of the wrong type (${facts.message}).`,
    fix: "Check the token URL points at the provider's OAuth token endpoint.",
  },
} satisfies Catalogue;
