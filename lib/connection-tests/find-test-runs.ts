import { prisma as db } from "@/lib/db/prisma";

/** A connection's test runs, newest first, with who or what started each. */
export async function listTestRuns(connectionId: string, limit: number) {
  return db.testRun.findMany({
    where: { connectionId },
    orderBy: { startedAt: "desc" },
    take: limit,
    select: {
      id: true,
      status: true,
      purpose: true,
      trigger: true,
      startedAt: true,
      durationMs: true,
      diagnosis: true,
      startedBy: { select: { email: true } },
    },
  });
}

/** One test run of one connection (null if the id belongs to another connection). */
export async function findTestRun(connectionId: string, testRunId: string) {
  return db.testRun.findFirst({
    where: { id: testRunId, connectionId },
    include: {
      connection: { select: { name: true, status: true, enabled: true, clientAuthMethod: true } },
      startedBy: { select: { email: true } },
    },
  });
}

/** The scopes the connection's last successful test requested, or undefined when none succeeded. */
export async function findLastGoodScopes(connectionId: string): Promise<string[] | undefined> {
  const run = await db.testRun.findFirst({
    where: { connectionId, status: { in: ["SUCCESS", "WARNING"] } },
    orderBy: { startedAt: "desc" },
    select: { result: true },
  });
  if (!run) return undefined;
  try {
    const requested = (JSON.parse(run.result) as { scopes?: { requested?: unknown } }).scopes?.requested;
    return Array.isArray(requested) ? requested.filter((s): s is string => typeof s === "string") : undefined;
  } catch {
    return undefined;
  }
}

/** A test's number in its connection's history (1 = the first), for breadcrumbs such as "Tests › #3". */
export async function testRunNumber(connectionId: string, startedAt: Date): Promise<number> {
  return db.testRun.count({ where: { connectionId, startedAt: { lte: startedAt } } });
}

/** Who started a run as the console names it: a user, the scheduler, or neither (an API key, a removed user). */
export function describeTestStarter(run: { trigger: string; startedBy: { email: string } | null }): string {
  if (run.trigger === "scheduled") return "Scheduled check";
  return run.startedBy?.email ?? "API key or removed user";
}
