/**
 * Authorization: the request that sends the browser to the provider, and the errors the
 * provider returns from it (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6).
 */
import type { Catalogue } from "@/lib/diagnosis/diagnosis";
import type { Said } from "@/lib/diagnosis/shared-wording";

export const AUTHORIZATION_DIAGNOSES = {
  redirect_uri_mismatch: {
    code: "redirect_uri_mismatch",
    title: "Callback URL not registered",
    cause:
      "The provider refused the redirect URI: Handshake's callback URL is not registered for this client, or not exactly as Handshake sends it.",
    fix: (facts: { callbackUrl: string }) =>
      `Register this exact callback URL for the client at the provider, character for character: ${facts.callbackUrl}`,
  },
  unknown_client: {
    code: "unknown_client",
    title: "Client ID not recognised",
    cause: (facts: { status: string }) =>
      `The authorization endpoint refused the request (${facts.status}, invalid_client): the provider does not know this client ID.`,
    fix: "Copy the client ID again from the provider's app registration.",
  },
  code_flow_not_allowed: {
    code: "unauthorized_client",
    title: "Authorization Code flow not allowed for this client",
    cause: (facts: { status: string; error: string }) =>
      `The authorization endpoint refused the request (${facts.status}, ${facts.error}): this client may not use the authorization code flow.`,
    fix: "Enable the authorization_code grant (response type “code”) for this client at the provider, or choose the grant type it is registered for.",
  },
  // RFC 7636 §4.4.1: a server that requires PKCE refuses a request without code_challenge with invalid_request.
  pkce_required: {
    code: "pkce_required",
    title: "The provider requires PKCE",
    cause: (facts: Said) =>
      `The provider refused the authorization request because it carries no PKCE code challenge (RFC 7636): this client may only use the authorization code flow with PKCE.${facts.said}`,
    fix: "Switch the connection's grant type to Authorization Code with PKCE and test again.",
  },
  authorization_request_refused: {
    code: "authorization_request_refused",
    title: "Authorization request refused",
    cause: (facts: { status: string; contentType: string }) =>
      `The authorization endpoint answered ${facts.status} (${facts.contentType}) instead of a sign-in page. The page is not shown.`,
    fix: (facts: { callbackUrl: string }) =>
      `Check the authorization URL, the client ID, the scopes and that ${facts.callbackUrl} is registered as a redirect URI for this client.`,
  },
  access_denied: {
    code: "access_denied",
    title: "Access denied",
    cause: (facts: Said) =>
      `The user declined the consent screen, or the provider refused access for this user.${facts.said}`,
    fix: "Test again and approve the request at the provider. If you did approve it, check that this user may use the application at the provider.",
  },
  // login_required, consent_required, interaction_required, account_selection_required (OIDC Core §3.1.2.6).
  interaction_required: {
    code: "interaction_required",
    title: "The provider needs the user to interact",
    cause: (facts: Said) =>
      `The provider could not complete the request without the user signing in or consenting.${facts.said}`,
    fix: "Remove prompt=none from the additional authorization parameters and test again.",
  },
  // RFC 9126 §5: a server may require PAR (globally in discovery, or per client).
  par_required: {
    code: "par_required",
    title: "The provider requires pushed authorization requests (PAR)",
    cause: (facts: Said) =>
      `The provider refused the authorization request because it was not pushed to its PAR endpoint first (RFC 9126): this client may only start a sign-in with a request_uri from a pushed authorization request.${facts.said}`,
    fix: "Set “Pushed authorization requests (PAR)” to “When the provider requires it” (or “Always”) on the connection's Settings and test again.",
  },
  par_refused: {
    code: "par_refused",
    title: "The PAR endpoint refused the client",
    cause: (facts: Said & { status: string; error: string }) =>
      `The provider's pushed authorization request endpoint answered ${facts.status} ${facts.error}: it did not accept this client or its authentication there (RFC 9126 §2.3).${facts.said}`,
    fix: "Check that the client may use pushed authorization requests at the provider and that its client authentication is the one registered; with a PAR-less client set PAR to Off.",
  },
  par_endpoint_unknown: {
    code: "par_endpoint_unknown",
    title: "No PAR endpoint known",
    cause:
      "The connection pushes its authorization requests (PAR), but Handshake knows no pushed_authorization_request_endpoint: the endpoints were entered by hand, or the provider's discovery does not list one.",
    fix: "Set the connection up from the provider's discovery document (Import from discovery on the Endpoints step), or set PAR to Off when the provider does not offer it.",
  },
  request_uri_invalid: {
    code: "invalid_request_uri",
    title: "The pushed request expired or was already used",
    cause: (facts: Said) =>
      `The provider no longer knew the request_uri of the pushed authorization request: it expired (PAR request URIs live about a minute, RFC 9126 §2.2) or was used once already.${facts.said}`,
    fix: "Test again and finish the sign-in at the provider within a minute; each test pushes a fresh request.",
  },
  // RFC 9101 §10.5: a server may require signed request objects.
  jar_required: {
    code: "jar_required",
    title: "The provider requires signed authorization requests (JAR)",
    cause: (facts: Said) =>
      `The provider refused the authorization request because its parameters were not sent in a signed request object (RFC 9101).${facts.said}`,
    fix: "Turn on “Signed authorization requests (JAR)” on the connection's Settings (it signs with the connection's private_key_jwt key) and test again.",
  },
  jar_refused: {
    code: "jar_refused",
    title: "Signed request object refused",
    cause: (facts: Said & { error: string }) =>
      `The provider refused the signed request object (${facts.error}): it could not verify its signature with the client's registered keys, or does not accept its algorithm (RFC 9101 §6.3).${facts.said}`,
    fix: "Register the connection's public key (its JWKS URL on the connection's page) for the client at the provider, and allow the key's algorithm as the request object signing algorithm (request_object_signing_alg).",
  },
  jar_key_missing: {
    code: "jar_key_missing",
    title: "No key to sign the request object",
    cause:
      "Signed authorization requests (JAR) are on, or the provider requires them, but the connection has no private key: the request object is signed with the connection's private_key_jwt key.",
    fix: "Choose private_key_jwt as the client authentication and generate or import its key (the console publishes its public key), or turn JAR off when the provider does not require it.",
  },
  // server_error, temporarily_unavailable.
  server_error: {
    code: "server_error",
    title: "Provider error",
    cause: (facts: Said) => `The provider reported a problem on its side.${facts.said}`,
    fix: "Try again later; if it persists, check the provider's status page.",
  },
} satisfies Catalogue;
