/**
 * The refresh an Authorization Code test tries right after the code exchange (RFC 6749 §6): with
 * the same client (and the same DPoP key, so the new token keeps the binding, RFC 9449 §5), noting
 * whether the refresh token rotated. Without a refresh token the step is recorded as skipped.
 */
import type { ClientSetup } from "@/lib/oauth/client-config";
import { describeClientAuth } from "@/lib/oauth/client-auth/client-auth-methods";
import { requestRefresh } from "@/lib/oauth/protocol-requests";
import type { TokenResponse } from "@/lib/oauth/protocol-types";
import { tokenPrefix } from "@/lib/oauth/redact";
import type { TraceRecorder } from "@/lib/oauth/trace";
import type { TestResultSummary } from "@/lib/connection-tests/test-result";

/** The tokens a test ends with: the refreshed ones when the refresh ran, else the exchanged ones. */
export type LatestTokens = {
  access_token: string;
  token_type: string;
  expires_in?: number;
  refresh_token?: string;
  id_token?: string;
  scope?: string;
  refreshedAt?: Date;
  rotations: number;
};

export async function refreshAfterExchange(
  trace: TraceRecorder,
  setup: ClientSetup,
  tokens: TokenResponse,
  parameters: Record<string, string>,
  result: TestResultSummary,
): Promise<LatestTokens> {
  if (!tokens.refresh_token) {
    trace.record("refresh", "Refresh request", "skipped", {}, [
      "No refresh token came back. Many providers issue one only for the offline_access scope or a similar setting.",
    ]);
    return { ...tokens, rotations: 0 };
  }
  const firstRefreshToken = tokens.refresh_token;
  const refreshed = await trace.exchange(
    "refresh",
    { request: "Refresh request", response: "Refresh response" },
    async (step) => {
      step.details.client_authentication = describeClientAuth(setup.clientAuth);
      if (setup.dpop) step.details.dpop = `proof signed with the same key (jkt ${setup.dpop.jkt})`;
      const response = await requestRefresh(setup.client, firstRefreshToken, parameters);
      const rotated = typeof response.refresh_token === "string" && response.refresh_token !== firstRefreshToken;
      step.details.rotated = rotated
        ? "yes: a new refresh token replaced the old one"
        : "no: the refresh token stays the same";
      if (setup.dpop) step.details.token_type = response.token_type;
      return { response, rotated };
    },
  );
  result.refresh = {
    ok: true,
    rotated: refreshed.rotated,
    newAccessTokenPrefix: tokenPrefix(refreshed.response.access_token),
    lifetimeSeconds: refreshed.response.expires_in,
  };
  return {
    access_token: refreshed.response.access_token,
    token_type: refreshed.response.token_type,
    expires_in: refreshed.response.expires_in,
    refresh_token: refreshed.response.refresh_token ?? firstRefreshToken,
    id_token: refreshed.response.id_token ?? tokens.id_token,
    scope: refreshed.response.scope ?? tokens.scope,
    refreshedAt: new Date(),
    rotations: refreshed.rotated ? 1 : 0,
  };
}
