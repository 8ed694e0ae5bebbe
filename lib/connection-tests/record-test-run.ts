/**
 * Writes the end of a test in one transaction: the TestRun row, the stored token set (when the
 * test produced one to keep), the connection's health and "last tested", and the audit events
 * `connection.tested` and, for a code flow that stored tokens, `connection.authorized`. Either all
 * of it commits or none.
 */
import { usesAuthorizationCode } from "@/lib/connections/connection-options";
import type { Connection } from "@/lib/db/generated/client";
import { prisma as db } from "@/lib/db/prisma";
import { appendAuditEvent, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import type { Diagnosis } from "@/lib/connection-tests/diagnosis/diagnosis";
import type { TestOutcome, TestResultSummary } from "@/lib/connection-tests/test-result";
import { storeTokenSet, type TokenSetToStore } from "@/lib/tokens/token-store";
import type { TraceStep } from "@/lib/oauth/trace";

export type TestUser = { id: string; email: string };

export type FinishedTest = {
  /** Set for code flows, whose row was created when the browser left for the provider. */
  testRunId?: string;
  connection: Connection;
  purpose: "TEST" | "CONNECT";
  user: TestUser;
  actor: AuditActor;
  targetHost: string | null;
  startedAt: Date;
  outcome: TestOutcome;
  result: TestResultSummary;
  trace: TraceStep[];
  diagnosis: Diagnosis | null;
  tokensToStore?: { ownerKey: string; userId: string | null; userEmail?: string; tokens: TokenSetToStore };
};

const HEALTH: Record<TestOutcome, string> = { SUCCESS: "HEALTHY", WARNING: "FAILING", FAILED: "FAILING" };

export async function recordFinishedTest(test: FinishedTest): Promise<{ testRunId: string }> {
  const finishedAt = new Date();
  const durationMs = finishedAt.getTime() - test.startedAt.getTime();
  const target = { type: "connection", id: test.connection.id, name: test.connection.name };

  return db.$transaction(async (tx) => {
    const result: TestResultSummary = { ...test.result, outcome: test.outcome };
    if (test.tokensToStore) {
      await storeTokenSet(tx, { ...test.tokensToStore, connectionId: test.connection.id });
      result.tokenStored = { ownerKey: test.tokensToStore.ownerKey, userEmail: test.tokensToStore.userEmail };
    }
    const data = {
      status: test.outcome,
      result: JSON.stringify(result),
      trace: JSON.stringify(test.trace),
      diagnosis: test.diagnosis ? JSON.stringify(test.diagnosis) : null,
      finishedAt,
      durationMs,
    };
    const run = test.testRunId
      ? await tx.testRun.update({ where: { id: test.testRunId }, data, select: { id: true } })
      : await tx.testRun.create({
          data: {
            ...data,
            connectionId: test.connection.id,
            startedById: test.user.id,
            purpose: test.purpose,
            grantType: test.connection.grantType,
            targetHost: test.targetHost,
            startedAt: test.startedAt,
          },
          select: { id: true },
        });

    // A user connecting their own account says nothing about the connection as configured by
    // the admins; only tests set its health.
    if (test.purpose === "TEST") {
      await tx.connection.update({
        where: { id: test.connection.id },
        data: { health: HEALTH[test.outcome], lastTestedAt: finishedAt, lastTestRunId: run.id },
        select: { id: true },
      });
    }

    const tested = await recordAuditEvent(tx, {
      actor: test.actor,
      action: "connection.tested",
      target,
      details: {
        testRunId: run.id,
        purpose: test.purpose,
        grantType: test.connection.grantType,
        targetHost: test.targetHost,
        outcome: test.outcome,
        ...(test.diagnosis ? { diagnosis: test.diagnosis.code } : {}),
        // Client credentials authorize no one: the token set it stored is a fact of the test.
        ...(test.tokensToStore && !usesAuthorizationCode(test.connection.grantType) ? { stored: test.tokensToStore.ownerKey === "shared" ? "the shared token set" : "a token set" } : {}),
      },
    });
    if (test.tokensToStore && usesAuthorizationCode(test.connection.grantType)) {
      // The chain head is the event just written: no need to read it back.
      await appendAuditEvent(tx, {
        actor: test.actor,
        action: "connection.authorized",
        target,
        details: {
          testRunId: run.id,
          ownerKey: test.tokensToStore.ownerKey,
          forUser: test.tokensToStore.userEmail ?? null,
          sharing: test.connection.tokenSharing,
        },
      }, tested);
    }
    return { testRunId: run.id };
  });
}
