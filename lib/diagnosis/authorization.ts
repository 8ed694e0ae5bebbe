/**
 * Authorization: the request that sends the browser to the provider, and the errors the
 * provider returns from it (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6).
 */
import type { Catalogue } from "@/lib/diagnosis/diagnosis";

/** `said` is the provider's error_description as a sentence, or empty. */
type Said = { said: string };

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
  // server_error, temporarily_unavailable.
  server_error: {
    code: "server_error",
    title: "Provider error",
    cause: (facts: Said) => `The provider reported a problem on its side.${facts.said}`,
    fix: "Try again later; if it persists, check the provider's status page.",
  },
} satisfies Catalogue;
