/**
 * Ends a code-flow test whose provider window was closed before the provider redirected back.
 * Consuming the pending authorization first makes this race-safe: either the callback consumed
 * it (the test finishes normally and this is a no-op) or this does, and a late callback is
 * refused as a replay.
 */
import { prisma } from "@/lib/db/prisma";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import type { Diagnosis } from "@/lib/diagnosis/diagnosis";

import { parseStoredTrace } from "@/lib/connection-tests/stored-test-run";
import { TEST_CANCELLED_TITLE } from "@/lib/connection-tests/test-cancelled";

const CANCELLED: Diagnosis = {
  code: "cancelled",
  title: TEST_CANCELLED_TITLE,
  cause: "The provider's sign-in window was closed before the provider redirected back to Handshake.",
  fix: "Start the test again and finish signing in and consenting in the window that opens.",
};

export type CancelOutcome = { cancelled: true } | { cancelled: false; status: string };

export async function cancelAwaitingTestRun(input: {
  testRunId: string;
  userId: string;
  actor: AuditActor;
}): Promise<CancelOutcome> {
  return prisma.$transaction(async (tx) => {
    const run = await tx.testRun.findFirst({
      where: { id: input.testRunId, startedById: input.userId },
      select: {
        id: true,
        status: true,
        startedAt: true,
        purpose: true,
        grantType: true,
        targetHost: true,
        connection: { select: { id: true, name: true } },
      },
    });
    if (!run) return { cancelled: false, status: "UNKNOWN" };
    if (run.status !== "AWAITING_CALLBACK") return { cancelled: false, status: run.status };
    const consumed = await tx.pendingAuthorization.updateMany({
      where: { testRunId: run.id, consumedAt: null },
      data: { consumedAt: new Date() },
    });
    if (consumed.count === 0) return { cancelled: false, status: run.status };
    const finishedAt = new Date();
    await tx.testRun.update({
      where: { id: run.id },
      data: {
        status: "CANCELLED",
        diagnosis: JSON.stringify(CANCELLED),
        finishedAt,
        durationMs: finishedAt.getTime() - run.startedAt.getTime(),
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor: input.actor,
      action: "connection.tested",
      target: { type: "connection", id: run.connection.id, name: run.connection.name },
      details: {
        testRunId: run.id,
        purpose: run.purpose as "TEST" | "CONNECT",
        grantType: run.grantType,
        targetHost: run.targetHost,
        outcome: "CANCELLED",
      },
    });
    return { cancelled: true };
  });
}

/** A running test's recorded steps, for the progress panel next to the Test button. */
export type TestProgress = { status: string; steps: { title: string; status: string }[] };

export async function readTestProgress(testRunId: string): Promise<TestProgress | null> {
  const run = await prisma.testRun.findUnique({ where: { id: testRunId }, select: { status: true, trace: true } });
  if (!run) return null;
  return { status: run.status, steps: parseStoredTrace(run.trace).map(({ title, status }) => ({ title, status })) };
}
