/**
 * Test options for providers with RFC 7662 introspection and RFC 7009 revocation endpoints:
 * ask whether the access token is active and with which scope, and revoke what the test
 * obtained at the end, so a test leaves no live tokens behind. A failure here is a warning:
 * the token itself worked.
 */
import type { ClientSetup } from "@/lib/oauth/client-config";
import { ResponseBodyError } from "@/lib/oauth/protocol-errors";
import { requestIntrospection, requestRevocation } from "@/lib/oauth/protocol-requests";
import { DiagnosedError } from "@/lib/diagnosis/diagnosis";
import { safeText } from "@/lib/oauth/redact";
import type { TraceRecorder } from "@/lib/oauth/trace";

export type IntrospectionSummary = {
  active: boolean;
  scope?: string;
  clientId?: string;
  expiresAt?: string;
  tokenType?: string;
  /** The key the token is bound to, where the provider says (cnf: RFC 9449 §6.2 jkt, RFC 8705 §3.2 x5t#S256). */
  cnfJkt?: string;
  cnfX5tS256?: string;
};
export type RevocationSummary = { revoked: string[]; problem?: string };

export async function introspectAccessToken(
  trace: TraceRecorder,
  setup: ClientSetup,
  accessToken: string,
  result: { introspection?: IntrospectionSummary; warnings: string[] },
): Promise<void> {
  if (!setup.metadata.introspection_endpoint) {
    trace.record("introspection", "Introspection", "skipped", {}, [
      "The provider's metadata has no introspection_endpoint (RFC 8414 §2).",
    ]);
    return;
  }
  try {
    await trace.step("introspection", "Introspection (RFC 7662)", async (step) => {
      const response = await requestIntrospection(setup.client, accessToken, "access_token");
      const summary: IntrospectionSummary = { active: response.active === true };
      if (typeof response.scope === "string") summary.scope = safeText(response.scope, 500);
      if (typeof response.client_id === "string") summary.clientId = safeText(response.client_id, 200);
      if (typeof response.exp === "number") summary.expiresAt = new Date(response.exp * 1000).toISOString();
      if (typeof response.token_type === "string") summary.tokenType = safeText(response.token_type, 50);
      const cnf = response.cnf as Record<string, unknown> | undefined;
      if (typeof cnf?.jkt === "string") summary.cnfJkt = safeText(cnf.jkt, 100);
      if (typeof cnf?.["x5t#S256"] === "string") summary.cnfX5tS256 = safeText(cnf["x5t#S256"], 100);
      result.introspection = summary;
      step.details.active = summary.active ? "yes" : "no";
      step.details.scope = summary.scope ?? "not reported";
      if (!summary.active) {
        step.setStatus("warning");
        result.warnings.push("The provider's introspection endpoint says the new access token is not active.");
      }
    });
  } catch (error) {
    result.warnings.push(`Introspection failed: ${describe(error)}`);
  }
}

export async function revokeTestTokens(
  trace: TraceRecorder,
  setup: ClientSetup,
  tokens: { accessToken: string; refreshToken?: string },
  result: { revocation?: RevocationSummary; warnings: string[] },
): Promise<boolean> {
  if (!setup.metadata.revocation_endpoint) {
    trace.record("revocation", "Revocation", "skipped", {}, [
      "The provider has no revocation endpoint, so the test's tokens stay valid until they expire.",
    ]);
    return false;
  }
  const revoked: string[] = [];
  try {
    await trace.step("revocation", "Revocation of the test's tokens (RFC 7009)", async (step) => {
      // The refresh token first: revoking it usually revokes the access tokens issued with it (RFC 7009 §2.1).
      if (tokens.refreshToken) {
        await requestRevocation(setup.client, tokens.refreshToken, "refresh_token");
        revoked.push("refresh token");
      }
      await requestRevocation(setup.client, tokens.accessToken, "access_token");
      revoked.push("access token");
      step.details.revoked = revoked.join(", ");
    });
    result.revocation = { revoked };
    return true;
  } catch (error) {
    result.revocation = { revoked, problem: describe(error) };
    result.warnings.push(`Revoking the test's tokens failed: ${describe(error)}`);
    return false;
  }
}

function describe(error: unknown): string {
  // openid-client wraps what its custom fetch throws; a refusal of the token guard names its reason.
  const refused = findDiagnosedError(error);
  if (refused) return `${refused.diagnosis.title}: ${refused.diagnosis.cause}`;
  if (error instanceof ResponseBodyError)
    return `${error.status} ${safeText(error.error, 80)}${error.error_description ? `: ${safeText(error.error_description, 200)}` : ""}`;
  return error instanceof Error ? (safeText(error.message, 200) ?? "request failed") : "request failed";
}

function findDiagnosedError(error: unknown): DiagnosedError | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof DiagnosedError) return e;
  }
  return undefined;
}
