/**
 * What every flow does once it holds a token: the optional API check (admin tests only), then
 * introspection and revocation when the connection asks for them. Returns whether the tokens were revoked (a
 * revoked token set is not stored) and the test's outcome, now that nothing more can warn.
 */
import type { Connection } from "@/lib/db/generated/client";
import type { GuardedFetch } from "@/lib/net/guarded-fetch";
import type { ClientSetup } from "@/lib/oauth/client-config";
import type { TestOutcome, TestResultSummary } from "@/lib/connection-tests/test-result";
import type { TraceRecorder } from "@/lib/oauth/trace";
import { runApiCheck, skipApiCheck, wantsApiCheck } from "@/lib/connection-tests/token-checks/api-check";
import { checkDpopBinding, confirmDpopBindingByIntrospection } from "@/lib/connection-tests/token-checks/dpop-binding";
import { introspectAccessToken, revokeTestTokens } from "@/lib/connection-tests/token-checks/introspect-and-revoke";

export async function checkObtainedToken(input: {
  trace: TraceRecorder;
  fetch: GuardedFetch;
  setup: ClientSetup;
  connection: Connection;
  /** As the token endpoint sent them (RFC 6749 §5.1). */
  tokenResponse: { access_token: string; token_type: string; refresh_token?: string };
  result: TestResultSummary;
}): Promise<{ revoked: boolean; outcome: Exclude<TestOutcome, "FAILED"> }> {
  const { trace, setup, connection, tokenResponse, result } = input;
  const tokens = {
    accessToken: tokenResponse.access_token,
    tokenType: tokenResponse.token_type,
    refreshToken: tokenResponse.refresh_token,
  };
  if (setup.certificateThumbprint)
    result.certificateBinding = certificateBindingOf(setup.certificateThumbprint, tokens.accessToken);
  let failure: { error: unknown } | undefined;
  try {
    if (setup.dpop) checkDpopBinding(setup.dpop, setup.metadata, tokens, result);
    if (wantsApiCheck(connection)) {
      // RFC 9700 §4.9.1: a user connecting their own account never agreed to send their token to the
      // admins' API check URL; only an admin's test, with the admin's own login, runs it.
      if (result.purpose === "CONNECT") skipApiCheck(trace, connection);
      else
        await runApiCheck(trace, setup.withClientCertificate(input.fetch), connection, tokens, result, setup.dpop?.key);
    }
    if (connection.testIntrospection) {
      await introspectAccessToken(trace, setup, tokens.accessToken, result);
      confirmCertificateBindingByIntrospection(result);
      confirmDpopBindingByIntrospection(result);
    }
  } catch (error) {
    failure = { error };
  }
  // Revoke even when the API check failed: the test must not leave live tokens behind.
  const revoked = connection.testRevocation ? await revokeTestTokens(trace, setup, tokens, result) : false;
  if (revoked) result.notes.push("The test revoked the tokens it obtained, so none were stored.");
  if (failure) throw failure.error;
  return { revoked, outcome: result.warnings.length > 0 ? "WARNING" : "SUCCESS" };
}

/** The token's cnf.x5t#S256 (RFC 8705 §3.1) when it is a JWT; an opaque token does not show it. */
function certificateBindingOf(thumbprint: string, accessToken: string): TestResultSummary["certificateBinding"] {
  let tokenThumbprint: string | undefined;
  try {
    const payload = JSON.parse(Buffer.from(accessToken.split(".")[1] ?? "", "base64url").toString("utf8")) as {
      cnf?: Record<string, unknown>;
    };
    const value = payload.cnf?.["x5t#S256"];
    if (typeof value === "string") tokenThumbprint = value;
  } catch {
    tokenThumbprint = undefined;
  }
  return {
    thumbprint,
    ...(tokenThumbprint ? { tokenThumbprint, shownBy: "token" as const } : {}),
    matches: tokenThumbprint === thumbprint,
  };
}

/** An opaque token's certificate binding, from the introspection response's cnf (RFC 8705 §3.2). */
function confirmCertificateBindingByIntrospection(result: TestResultSummary): void {
  const binding = result.certificateBinding;
  const introspected = result.introspection?.cnfX5tS256;
  if (!binding || binding.tokenThumbprint || !introspected) return;
  Object.assign(binding, {
    tokenThumbprint: introspected,
    shownBy: "introspection",
    matches: introspected === binding.thumbprint,
  });
}
