/**
 * Lint of the live metadata against what the provider actually did during a test: a grant it
 * served or an RFC 9207 iss it sent although the metadata does not list them. Worded as "the
 * metadata does not list …"; shown with the result, never changing its outcome.
 * @see RFC 8414 §2 (grant_types_supported), RFC 9207 §3 (authorization_response_iss_parameter_supported)
 */
import type { ProviderMetadata } from "@/lib/oauth/protocol-types";

export function lintGrantMetadata(
  metadata: ProviderMetadata,
  grantType: string,
  observed: { refreshTokenUsed?: boolean; issOnCallback?: boolean } = {},
): string[] {
  const lint: string[] = [];
  const grants = Array.isArray(metadata.grant_types_supported) ? metadata.grant_types_supported : undefined;
  // RFC 8414 §2: an omitted grant_types_supported means ["authorization_code", "implicit"].
  const listed = grants ?? ["authorization_code", "implicit"];
  if (grantType === "client_credentials" && !listed.includes("client_credentials")) {
    lint.push(
      `The metadata does not list client_credentials in grant_types_supported${grants ? "" : " (it has no grant_types_supported, which means authorization_code and implicit only)"}, yet the provider issued a token with it. Nothing to change on the connection; clients that trust the metadata may refuse to try.`,
    );
  }
  if (observed.refreshTokenUsed && !listed.includes("refresh_token")) {
    lint.push(
      "The metadata does not list refresh_token in grant_types_supported, yet the provider issued and accepted a refresh token.",
    );
  }
  if (observed.issOnCallback && metadata.authorization_response_iss_parameter_supported !== true) {
    lint.push(
      "The metadata does not list authorization_response_iss_parameter_supported, yet the provider sent iss on the callback (RFC 9207 §3). Handshake checked it against the issuer anyway.",
    );
  }
  return lint;
}
