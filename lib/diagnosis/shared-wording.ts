/** Sentences several stages' catalogues give alike, so one diagnosis does not drift from its twin. */

export const COMPARE_SETTINGS =
  "Compare the provider's settings with the connection; the trace shows each request and response.";

/** Why a near-miss issuer still fails (RFC 8414 §3.3, OIDC Core §3.1.3.7, RFC 9207 §2.4: exact string comparison). */
export const ISSUERS_MUST_MATCH = "Issuers must match exactly, including scheme, host, port and trailing slash.";

/** The fix when a response names another issuer than the connection's. */
export const SET_ISSUER_OR_DISTRUST = (facts: { actual: string }) =>
  `Set the connection's issuer to exactly “${facts.actual}” if that is the right provider; otherwise the response did not come from the configured provider.`;

/** The provider's error_description as a sentence, or empty: what a cause adds to its own words. */
export type Said = { said: string };

/** A response openid-client refused, in its words (id_token_invalid and invalid_response alike). */
export const FAILED_VALIDATION = (facts: { message: string }) =>
  `The provider's response failed validation: ${facts.message || "invalid response"}.`;
