/**
 * Tests a Client Credentials connection end to end: metadata, one token request with the
 * connection's client authentication, scopes, audience, resource and token parameters, then the
 * response checked and the result recorded. The token set is kept as the shared one.
 */
import * as oc from "openid-client";
import type { Connection } from "@/lib/db/generated/client";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { guardedFetch, type GuardedFetch } from "@/lib/net/guarded-fetch";
import { buildClientConfiguration, type ClientSetup } from "@/lib/oauth/client-config";
import { configuredParameterNames, readConnectionSettings } from "@/lib/oauth/connection-settings";
import { diagnoseError, type Diagnosis } from "@/lib/oauth/diagnose-error";
import { diagnosisContextFor, failedStage, inspectTokenResponse, tokenRequestParameters } from "@/lib/oauth/inspect-tokens";
import { recordFinishedTest, type FinishedTest, type TestUser } from "@/lib/oauth/record-test-run";
import { emptyResult, type TestOutcome } from "@/lib/oauth/test-result";
import { SHARED_OWNER } from "@/lib/oauth/token-store";
import { TraceRecorder } from "@/lib/oauth/trace";

export async function runClientCredentialsTest(
  input: { connection: Connection; user: TestUser; actor: AuditActor; fetch?: GuardedFetch },
): Promise<{ testRunId: string; outcome: TestOutcome }> {
  const { connection } = input;
  const startedAt = new Date();
  const settings = readConnectionSettings(connection);
  const trace = new TraceRecorder({ startedAt, visibleParameters: configuredParameterNames(settings) });
  const fetch = trace.recordingFetch(input.fetch ?? guardedFetch);
  const result = emptyResult("TEST", connection.grantType);
  let setup: ClientSetup | undefined;
  let outcome: TestOutcome = "FAILED";
  let diagnosis: Diagnosis | null = null;
  let tokensToStore: FinishedTest["tokensToStore"];

  try {
    setup = await buildClientConfiguration(connection, settings, trace, fetch);
    const { config } = setup;
    const parameters = tokenRequestParameters(settings, "client_credentials");
    const tokens = await trace.exchange("token_request", { request: "Token request (client credentials)", response: "Token response" }, async (step) => {
      step.details.client_authentication = connection.clientAuthMethod;
      return oc.clientCredentialsGrant(config, parameters);
    });
    const obtainedAt = new Date();
    inspectTokenResponse(tokens, settings, connection, result, obtainedAt);
    outcome = result.warnings.length > 0 ? "WARNING" : "SUCCESS";
    tokensToStore = {
      ownerKey: SHARED_OWNER,
      userId: null,
      tokens: {
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token,
        tokenType: tokens.token_type,
        scope: tokens.scope,
        expiresAt: new Date(result.token!.expiresAt),
        obtainedAt,
        refreshCount: 0,
        refreshTokenRotations: 0,
      },
    };
  } catch (error) {
    diagnosis = await diagnoseError(error, diagnosisContextFor(connection, settings, failedStage(trace), setup));
  }

  const { testRunId } = await recordFinishedTest({
    connection,
    purpose: "TEST",
    user: input.user,
    actor: input.actor,
    targetHost: settings.targetHost,
    startedAt,
    outcome,
    result,
    trace: trace.steps,
    diagnosis,
    tokensToStore,
  });
  return { testRunId, outcome };
}
