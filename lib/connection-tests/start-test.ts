/**
 * Starts a connection's test as the console's buttons do: client credentials run to the end and
 * answer the result page; code flows answer the provider's authorization URL and the callback
 * finishes them. `signingKey: "next"` is a key rotation's test with the prepared next key.
 */
import type { Connection } from "@/lib/db/generated/client";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import type { TestUser } from "@/lib/connection-tests/record-test-run";
import { runClientCredentialsTest } from "@/lib/connection-tests/run-client-credentials-test";
import { startAuthorization } from "@/lib/connection-tests/start-authorization";
import { testResultPath, type StartedTest } from "@/lib/connection-tests/test-paths";

export async function startTest(input: {
  connection: Connection;
  user: TestUser;
  actor: AuditActor;
  purpose?: "TEST" | "CONNECT";
  forceSignIn?: boolean;
  signingKey?: "next";
}): Promise<StartedTest> {
  const { connection, user, actor, signingKey } = input;
  if (connection.grantType === "client_credentials") {
    const { testRunId } = await runClientCredentialsTest({ connection, user, actor, signingKey });
    return { redirectTo: testResultPath(connection.id, testRunId), testRunId, opensProvider: false };
  }
  const started = await startAuthorization({
    connection,
    user,
    actor,
    purpose: input.purpose ?? "TEST",
    forceSignIn: input.forceSignIn,
    signingKey,
  });
  return started.kind === "failed"
    ? {
        redirectTo: testResultPath(connection.id, started.testRunId),
        testRunId: started.testRunId,
        opensProvider: false,
      }
    : { redirectTo: started.authorizationUrl, testRunId: started.testRunId, opensProvider: true };
}
