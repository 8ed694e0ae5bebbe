import { prisma as db } from "@/lib/db/prisma";

/** A connection's test runs, newest first, with who started each. */
export async function listTestRuns(connectionId: string, limit: number) {
  return db.testRun.findMany({
    where: { connectionId },
    orderBy: { startedAt: "desc" },
    take: limit,
    select: { id: true, status: true, purpose: true, startedAt: true, durationMs: true, diagnosis: true, startedBy: { select: { email: true } } },
  });
}

/** One test run of one connection (null if the id belongs to another connection). */
export async function findTestRun(connectionId: string, testRunId: string) {
  return db.testRun.findFirst({
    where: { id: testRunId, connectionId },
    include: { connection: { select: { name: true, status: true, enabled: true, clientAuthMethod: true } }, startedBy: { select: { email: true } } },
  });
}
