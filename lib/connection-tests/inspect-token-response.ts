/**
 * What a successful token response says, for the test result: lifetime, granted vs requested
 * scopes, and the access token's JWT claims when it is one.
 */
import type { TokenResponseFields } from "@/lib/oauth/protocol-types";
import type { Connection } from "@/lib/db/generated/client";
import type { ConnectionSettings } from "@/lib/connections/connection-settings";
import { compareScopes, decodeJwt, summarizeToken, type TestResultSummary } from "@/lib/connection-tests/test-result";

/** Fills the result from a successful grant response. */
export function inspectTokenResponse(
  tokens: TokenResponseFields,
  settings: ConnectionSettings,
  connection: Connection,
  result: TestResultSummary,
  now: Date,
): void {
  result.token = summarizeToken(tokens, connection.defaultTokenLifetime, now);
  if (result.token.lifetimeSource === "default") {
    result.notes.push(
      `The provider sent no expires_in. Handshake assumes the connection's default token lifetime of ${connection.defaultTokenLifetime} seconds.`,
    );
  }
  result.scopes = compareScopes(settings.scopes, tokens.scope);
  // offline_access asks for a refresh token (OIDC Core §11); providers often leave it out of the
  // granted scope even when they honour it, so a refresh token counts as granting it.
  if (result.scopes.missing.includes("offline_access") && tokens.refresh_token) {
    result.scopes.missing = result.scopes.missing.filter((s) => s !== "offline_access");
    result.notes.push(
      "offline_access is not listed among the granted scopes, but a refresh token came back, which is what it asks for.",
    );
  }
  const missing = result.scopes.missing.filter((s) => s !== "offline_access");
  if (missing.length > 0) {
    result.warnings.push(
      `The provider did not grant ${missing.join(", ")}. API calls that need ${missing.length === 1 ? "it" : "them"} will fail: grant ${missing.length === 1 ? "this scope" : "these scopes"} to the client at the provider.`,
    );
  }
  if (result.scopes.missing.includes("offline_access")) {
    result.warnings.push(
      "offline_access was not granted and no refresh token came back. Many providers grant it only with prompt=consent (OIDC Core §11): add that as an additional authorization parameter.",
    );
  }
  if (result.scopes.extra.length > 0 && settings.scopes.length === 0) {
    // RFC 6749 §3.3 lets a server apply a default scope when none is requested; some grant everything.
    result.warnings.push(
      `No scope was requested, and the provider granted every scope it allows this client: ${result.scopes.extra.join(", ")}. A token that can do everything does more harm when it leaks: request only the scopes this connection needs (edit its scopes) and test again.`,
    );
  } else if (result.scopes.extra.length > 0) {
    result.notes.push(`The provider granted scopes that were not requested: ${result.scopes.extra.join(", ")}.`);
  }
  const claims = decodeJwt(tokens.access_token);
  if (claims) result.accessTokenClaims = claims;
}
