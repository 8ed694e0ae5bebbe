/**
 * Tests a Client Credentials connection end to end: metadata, one token request with the
 * connection's client authentication, scopes, audience, resource and token parameters, then the
 * response checked and the result recorded. The token set is kept as the shared one.
 */
import type { Connection } from "@/lib/db/generated/client";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import type { GuardedFetch } from "@/lib/net/guarded-fetch";
import { buildClientConfiguration } from "@/lib/oauth/client-config";
import { describeClientAuth } from "@/lib/oauth/client-auth/client-auth-methods";
import { requestClientCredentials } from "@/lib/oauth/protocol-requests";
import { clientProfileOf } from "@/lib/connections/client-profile";
import { tokenRequestParameters } from "@/lib/oauth/token-request-parameters";
import { lintGrantMetadata } from "@/lib/diagnosis/metadata-lint";
import { inspectTokenResponse } from "@/lib/connection-tests/inspect-token-response";
import { runTokenProbes } from "@/lib/connection-tests/probes/run-token-probes";
import { findLastGoodScopes } from "@/lib/connection-tests/find-test-runs";
import { recordFinishedTest, type FinishedTest, type TestCaller } from "@/lib/connection-tests/record-test-run";
import { emptyResult, type TestOutcome } from "@/lib/connection-tests/test-result";
import { openTestRun, runTestSteps } from "@/lib/connection-tests/test-run";
import { checkObtainedToken } from "@/lib/connection-tests/token-checks/after-token";
import { freshSharedTokenSet } from "@/lib/tokens/token-store";
import { recordNextKeyTest } from "@/lib/connections/client-key-rotation";

export async function runClientCredentialsTest(input: {
  connection: Connection;
  user: TestCaller;
  actor: AuditActor;
  trigger?: "scheduled";
  fetch?: GuardedFetch;
  /** Rotation's "Test with new key": sign with the prepared next private_key_jwt key. */
  signingKey?: "next";
}): Promise<{ testRunId: string; outcome: TestOutcome }> {
  const { connection } = input;
  const startedAt = new Date();
  const run = openTestRun(connection, {
    startedAt,
    result: emptyResult("TEST", connection.grantType),
    fetch: input.fetch,
  });
  const { settings, trace, fetch, result } = run;

  const steps = await runTestSteps(
    run,
    async () => {
      const setup = (run.setup = await buildClientConfiguration(
        clientProfileOf(connection, { signingKey: input.signingKey }),
        trace,
        fetch,
      ));
      const parameters = tokenRequestParameters(settings, "client_credentials");
      const tokens = await trace.exchange(
        "token_request",
        { request: "Token request (client credentials)", response: "Token response" },
        async (step) => {
          step.details.client_authentication = describeClientAuth(setup.clientAuth);
          return requestClientCredentials(setup.client, parameters);
        },
      );
      const obtainedAt = new Date();
      inspectTokenResponse(tokens, settings, connection, result, obtainedAt);
      result.metadataLint = lintGrantMetadata(setup.metadata, connection.grantType);
      const { revoked, outcome } = await checkObtainedToken({
        trace,
        fetch,
        setup,
        connection,
        tokenResponse: tokens,
        result,
      });
      const tokensToStore: FinishedTest["tokensToStore"] = revoked
        ? undefined
        : freshSharedTokenSet(tokens, {
            dpopJkt: result.dpopBinding?.matches ? result.dpopBinding.jkt : null,
            scope: tokens.scope,
            expiresAt: new Date(result.token!.expiresAt),
            obtainedAt,
          });
      return { outcome, tokensToStore };
    },
    {
      probe: async (diagnosis, context, setup) => {
        const base = tokenRequestParameters(settings, "client_credentials");
        return runTokenProbes({
          lastGoodScopes: await findLastGoodScopes(connection.id),
          trace,
          setup,
          connection,
          scopes: settings.scopes,
          scopeProbes: true,
          diagnosis,
          context,
          attempt: (client, scope) => {
            const parameters = { ...base };
            if (scope === null) delete parameters.scope;
            else if (scope !== undefined) parameters.scope = scope;
            return requestClientCredentials(client, parameters);
          },
        });
      },
    },
  );

  const outcome = steps.ok ? steps.value.outcome : "FAILED";
  const { testRunId } = await recordFinishedTest({
    connection,
    purpose: "TEST",
    user: input.user,
    actor: input.actor,
    trigger: input.trigger,
    targetHost: settings.targetHost,
    startedAt,
    outcome,
    result,
    trace: trace.steps,
    diagnosis: steps.ok ? null : steps.diagnosis,
    tokensToStore: steps.ok ? steps.value.tokensToStore : undefined,
  });
  await recordNextKeyTest(input.actor, { connection, signingKey: input.signingKey, outcome, testRunId });
  return { testRunId, outcome };
}
