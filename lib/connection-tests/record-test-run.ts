/**
 * Writes the end of a test in one transaction: the TestRun row, the stored token set (when the
 * test produced one to keep), the connection's health and "last tested", and the audit events
 * `connection.tested` and, for a code flow that stored tokens, `connection.authorized`; a passed
 * test also records the configuration it ran with as the last good one. Either all of it commits or none.
 */
import { usesAuthorizationCode } from "@/lib/connections/connection-options";
import type { Connection } from "@/lib/db/generated/client";
import { expectOneRow, runRawTransaction, sql } from "@/lib/db/raw-sql";
import { newRecordId } from "@/lib/db/record-id";
import { recordAuditEvents, type AuditActor, type AuditEventInput } from "@/lib/audit/record-audit-event";
import type { Diagnosis } from "@/lib/diagnosis/diagnosis";
import type { HealthProblem } from "@/lib/connections/health-problem";
import type { TestOutcome, TestResultSummary } from "@/lib/connection-tests/test-result";
import { storeTokenSet, type TokenSetToStore } from "@/lib/tokens/token-store";
import { tokenBindingOf } from "@/lib/tokens/token-binding";
import { recordGoodConfiguration } from "@/lib/connections/good-configuration";
import type { TraceStep } from "@/lib/oauth/trace";
import { notifyHealthChange } from "@/lib/notifications/health-notifications";
import { countFinishedTest } from "@/lib/metrics/process-metrics";

export type TestUser = { id: string; email: string };
/** Who started a finished test: a console user, or an API key (no user id; named as the audit trail names it). */
export type TestCaller = { id: string | null; email: string };

export type FinishedTest = {
  /** Set for code flows, whose row was created when the browser left for the provider. */
  testRunId?: string;
  connection: Connection;
  purpose: "TEST" | "CONNECT";
  user: TestCaller;
  actor: AuditActor;
  /** Set when the scheduler ran the test (lib/connection-tests/scheduled-checks.ts). */
  trigger?: "scheduled";
  targetHost: string | null;
  startedAt: Date;
  outcome: TestOutcome;
  result: TestResultSummary;
  trace: TraceStep[];
  diagnosis: Diagnosis | null;
  tokensToStore?: { ownerKey: string; userId: string | null; userEmail?: string; tokens: TokenSetToStore };
};

const HEALTH: Record<TestOutcome, string> = { SUCCESS: "HEALTHY", WARNING: "FAILING", FAILED: "FAILING" };

function testProblem(test: FinishedTest, testRunId: string, finishedAt: Date): HealthProblem {
  return {
    source: "test",
    title: test.diagnosis?.title ?? test.result.warnings[0] ?? "The test did not pass",
    code: test.diagnosis?.code ?? null,
    at: finishedAt.toISOString(),
    by: test.user.email,
    testRunId,
  };
}

/**
 * Plain SQL in one transaction straight on the driver adapter (lib/db/raw-sql.ts): this write ends
 * every test, and through Prisma's model queries it cost several times the test's own requests.
 */
export async function recordFinishedTest(test: FinishedTest): Promise<{ testRunId: string }> {
  const finishedAt = new Date();
  const durationMs = finishedAt.getTime() - test.startedAt.getTime();
  const target = { type: "connection", id: test.connection.id, name: test.connection.name };
  const result: TestResultSummary = { ...test.result, outcome: test.outcome };
  if (test.tokensToStore)
    result.tokenStored = { ownerKey: test.tokensToStore.ownerKey, userEmail: test.tokensToStore.userEmail };
  const resultJson = JSON.stringify(result);
  const traceJson = JSON.stringify(test.trace);
  const diagnosisJson = test.diagnosis ? JSON.stringify(test.diagnosis) : null;

  const recorded = await runRawTransaction(async (runner) => {
    // Bound to the connection as this test ran it: the issuer, token endpoint and client that issued the tokens.
    if (test.tokensToStore)
      await storeTokenSet(runner, {
        ...test.tokensToStore,
        connectionId: test.connection.id,
        binding: tokenBindingOf(test.connection),
      });
    const testRunId = test.testRunId ?? newRecordId();
    if (test.testRunId) {
      const changed =
        await runner.execute(sql`UPDATE "TestRun" SET "status" = ${test.outcome}, "result" = ${resultJson}, "trace" = ${traceJson},
        "diagnosis" = ${diagnosisJson}, "finishedAt" = ${finishedAt}, "durationMs" = ${durationMs} WHERE "id" = ${testRunId}`);
      expectOneRow(changed, "The test run");
    } else {
      await runner.execute(sql`INSERT INTO "TestRun" ("id", "connectionId", "startedById", "purpose", "trigger", "grantType", "targetHost",
        "status", "result", "trace", "diagnosis", "startedAt", "finishedAt", "durationMs")
        VALUES (${testRunId}, ${test.connection.id}, ${test.user.id}, ${test.purpose}, ${test.trigger ?? "manual"},
        ${test.connection.grantType}, ${test.targetHost}, ${test.outcome}, ${resultJson}, ${traceJson}, ${diagnosisJson},
        ${test.startedAt}, ${finishedAt}, ${durationMs})`);
    }

    // A user connecting their own account says nothing about the connection as configured by
    // the admins; only tests set its health. A test is not an edit: "last changed" stays put.
    if (test.purpose === "TEST") {
      const failing = HEALTH[test.outcome] === "FAILING";
      const problem = failing ? testProblem(test, testRunId, finishedAt) : null;
      const diagnosis = problem ? { title: problem.title, code: problem.code, fix: test.diagnosis?.fix ?? null } : null;
      await notifyHealthChange(
        runner,
        test.connection,
        failing ? "FAILING" : "HEALTHY",
        { diagnosis, testRunId },
        finishedAt,
      );
      const changed =
        await runner.execute(sql`UPDATE "Connection" SET "health" = ${HEALTH[test.outcome]}, "healthProblem" = ${problem && JSON.stringify(problem)},
        "lastTestedAt" = ${finishedAt}, "lastTestRunId" = ${testRunId} WHERE "id" = ${test.connection.id}`);
      expectOneRow(changed, "The connection");
      // The configuration this test ran with is now the one token refreshes may fall back to.
      if (test.outcome === "SUCCESS") await recordGoodConfiguration(runner, test.connection, testRunId, finishedAt);
    }

    const tested: AuditEventInput<"connection.tested"> = {
      actor: test.actor,
      action: "connection.tested",
      target,
      details: {
        testRunId,
        purpose: test.purpose,
        grantType: test.connection.grantType,
        targetHost: test.targetHost,
        outcome: test.outcome,
        ...(test.trigger ? { trigger: test.trigger } : {}),
        ...(test.diagnosis ? { diagnosis: test.diagnosis.code } : {}),
        // Client credentials authorize no one: the token set it stored is a fact of the test.
        ...(test.tokensToStore && !usesAuthorizationCode(test.connection.grantType)
          ? { stored: test.tokensToStore.ownerKey === "shared" ? "the shared token set" : "a token set" }
          : {}),
      },
    };
    const authorized: AuditEventInput<"connection.authorized">[] =
      test.tokensToStore && usesAuthorizationCode(test.connection.grantType)
        ? [
            {
              actor: test.actor,
              action: "connection.authorized",
              target,
              details: {
                testRunId,
                ownerKey: test.tokensToStore.ownerKey,
                forUser: test.tokensToStore.userEmail ?? null,
                sharing: test.connection.tokenSharing,
              },
            },
          ]
        : [];
    await recordAuditEvents(runner, [tested, ...authorized]);
    return { testRunId };
  });
  countFinishedTest(test.connection.grantType, test.outcome, test.trace);
  return recorded;
}
