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
import { configuredParameterNames, readConnectionSettings } from "@/lib/connections/connection-settings";
import { diagnoseError } from "@/lib/connection-tests/diagnosis/diagnose-error";
import type { Diagnosis } from "@/lib/connection-tests/diagnosis/diagnosis";
import { diagnosisContextFor, failedStage } from "@/lib/connection-tests/diagnosis/diagnosis-context";
import { inspectTokenResponse } from "@/lib/connection-tests/inspect-token-response";
import { tokenRequestParameters } from "@/lib/oauth/token-request-parameters";
import { recordFinishedTest, type FinishedTest, type TestUser } from "@/lib/connection-tests/record-test-run";
import { emptyResult, type TestOutcome } from "@/lib/connection-tests/test-result";
import { SHARED_OWNER } from "@/lib/tokens/token-store";
import { TraceRecorder } from "@/lib/oauth/trace";
import { describeClientAuth } from "@/lib/oauth/client-auth/client-authentication";
import { lintGrantMetadata } from "@/lib/connection-tests/diagnosis/metadata-lint";
import { runTokenProbes, shouldProbe } from "@/lib/connection-tests/probes/run-token-probes";
import { checkObtainedToken } from "@/lib/connection-tests/token-checks/after-token";

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
      step.details.client_authentication = describeClientAuth(setup!.clientAuth);
      return oc.clientCredentialsGrant(config, parameters);
    });
    const obtainedAt = new Date();
    inspectTokenResponse(tokens, settings, connection, result, obtainedAt);
    result.metadataLint = lintGrantMetadata(setup.metadata, connection.grantType);
    const { revoked } = await checkObtainedToken({
      trace,
      fetch,
      setup,
      connection,
      tokens: { accessToken: tokens.access_token, tokenType: tokens.token_type, refreshToken: tokens.refresh_token },
      result,
    });
    outcome = result.warnings.length > 0 ? "WARNING" : "SUCCESS";
    if (!revoked) tokensToStore = {
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
    const context = diagnosisContextFor(connection, settings, failedStage(trace), setup);
    diagnosis = await diagnoseError(error, context);
    if (context.stage === "token" && shouldProbe(diagnosis, setup)) {
      const base = tokenRequestParameters(settings, "client_credentials");
      diagnosis = await runTokenProbes({
        trace,
        setup,
        connection,
        scopes: settings.scopes,
        scopeProbes: true,
        diagnosis,
        context,
        attempt: (config, scope) => {
          const parameters = { ...base };
          if (scope === null) delete parameters.scope;
          else if (scope !== undefined) parameters.scope = scope;
          return oc.clientCredentialsGrant(config, parameters);
        },
      });
    }
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
