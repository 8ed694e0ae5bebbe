/**
 * Test history retention (#26): removes test runs (their results and traces live in the row)
 * older than TEST_RUN_RETENTION_DAYS, in batches, each batch deleted in the same transaction as
 * the audit event that records it. Runs something still points at are kept whatever their age: a
 * connection's last test, the test its last good configuration passed, an authorization still
 * pending, and a run that has not finished.
 */
import { prisma, type Db } from "@/lib/db/prisma";
import { recordAuditEvent, SYSTEM_ACTOR } from "@/lib/audit/record-audit-event";
import { keysetBatches } from "@/lib/jobs/keyset-batches";

const DAY_MS = 24 * 60 * 60 * 1000;
const UNFINISHED = ["RUNNING", "AWAITING_CALLBACK"];
/** A batch's ids are bound parameters of its DELETE: Prisma allows at most 999 of them on SQLite. */
const BATCH_SIZE = 500;

async function referencedRunIds(db: Db): Promise<Set<string>> {
  const [last, good, pending] = await Promise.all([
    db.connection.findMany({ where: { lastTestRunId: { not: null } }, select: { lastTestRunId: true } }),
    db.connectionGoodConfiguration.findMany({ select: { testRunId: true } }),
    db.pendingAuthorization.findMany({ where: { testRunId: { not: null } }, select: { testRunId: true } }),
  ]);
  return new Set([
    ...last.map((c) => c.lastTestRunId!),
    ...good.map((g) => g.testRunId),
    ...pending.map((p) => p.testRunId!),
  ]);
}

export async function pruneTestRuns(options: {
  retentionDays: number;
  now?: Date;
  batchSize?: number;
  db?: Db;
}): Promise<{ deletedCount: number; cutoff: Date }> {
  const db = options.db ?? prisma;
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.retentionDays * DAY_MS);
  const kept = await referencedRunIds(db);
  let deletedCount = 0;
  // Keyset order over (startedAt, id): kept runs stay behind the cursor and are read once.
  const batches = keysetBatches((after: { startedAt: Date; id: string } | undefined) =>
    db.testRun.findMany({
      where: {
        startedAt: { lt: cutoff },
        status: { notIn: UNFINISHED },
        ...(after && {
          OR: [{ startedAt: { gt: after.startedAt } }, { startedAt: after.startedAt, id: { gt: after.id } }],
        }),
      },
      orderBy: [{ startedAt: "asc" }, { id: "asc" }],
      take: options.batchSize ?? BATCH_SIZE,
      select: { id: true, startedAt: true },
    }),
  );
  for await (const rows of batches) {
    const ids = rows.map((r) => r.id).filter((id) => !kept.has(id));
    if (ids.length === 0) continue;
    deletedCount += await db.$transaction(async (tx) => {
      const { count } = await tx.testRun.deleteMany({ where: { id: { in: ids } } });
      await recordAuditEvent(tx, {
        actor: SYSTEM_ACTOR,
        action: "test_runs.pruned",
        details: { retentionDays: options.retentionDays, cutoff: cutoff.toISOString(), deletedCount: count },
      });
      return count;
    });
  }
  return { deletedCount, cutoff };
}
