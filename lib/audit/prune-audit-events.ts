/**
 * Retention: the only path that removes audit events. Deletes every event up to the newest one
 * older than the retention period (a contiguous prefix, so the rest of the chain stays linked) and,
 * in the same transaction as each batch, appends an `audit.pruned` event recording the new chain
 * start: the first retained seq and the hash it links to. Verification starts from the latest record.
 */
import { prisma as db } from "@/lib/db/prisma";
import { currentDatabaseKind, type DatabaseKind } from "@/lib/config/database-url";
import { prismaSqlRunner, runRawQuery, sql } from "@/lib/db/raw-sql";
import { appendAuditEvent, CHAIN_HEAD_SELECT, lockAuditChain, type AuditActor } from "@/lib/audit/record-audit-event";
import { readChainId } from "@/lib/audit/chain-start";
import type { PrunedDetails } from "@/lib/audit/audit-events";
import { yieldToOthers } from "@/lib/jobs/yield-to-others";
import { transactionLockStatement } from "@/lib/db/postgres-session";
import { DEFAULT_BUSY_RETRY } from "@/lib/db/sqlite-adapter";

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * Events deleted per transaction. On SQLite each batch holds the one writer slot while it deletes,
 * so its size bounds how long a concurrent append waits. At 10M events, with the six indexes beside
 * the key since the actor indexes, the longest wait followed the batch: 1,000 gave 110 ms, 500 gave
 * 79 in one run and 103–130 in others, 250 gave 66 (goal ≤ 100; npm run bench:audit-prune). Likely
 * why, not measured: each deleted event also comes out of every index.
 * On PostgreSQL appends do not wait for the deletion at all: see pruneOneBatch.
 */
const PRUNE_BATCH_SIZE: Record<DatabaseKind, number> = { sqlite: 250, postgresql: 2_000 };
/**
 * On SQLite a batch holds the one write lock, and a writer in another process (the running
 * console, while `npm run audit -- prune` runs) that finds it busy retries after a backoff of up to
 * DEFAULT_BUSY_RETRY.maxDelayMs. Batches back to back starved it: 91 appends in 35 s, one waiting
 * 2.2 s (npm run bench:audit-prune). After each batch the pruning steps aside for as long as the
 * batch took, and at least that backoff, so a waiting writer's next try finds the lock free.
 * First it copies the batch's pages from the write-ahead log into the database (a checkpoint):
 * otherwise the commit that crossed the log's threshold did it, often an append, which then waited
 * 370–390 ms; with it the longest wait measured 49–58 ms (1.2M events, 1M pruned).
 * https://www.sqlite.org/wal.html#automatic_checkpoint
 */
async function pauseAfterBatch(batchMs: number): Promise<void> {
  if (currentDatabaseKind() !== "sqlite") return;
  await runRawQuery(sql`PRAGMA wal_checkpoint(PASSIVE)`);
  await new Promise((resolve) => setTimeout(resolve, Math.max(batchMs, DEFAULT_BUSY_RETRY.maxDelayMs)));
}

/** A batch deleting many rows can take longer than Prisma's 5-second default on a slow disk. */
const PRUNE_TRANSACTION_TIMEOUT_MS = 60 * 1000;

export type PruneOutcome = { pruned: false } | ({ pruned: true; eventSeq: number; batches: number } & PrunedDetails);

/**
 * Deletes the events older than the retention period, oldest first, in batches. Each batch is one
 * transaction that deletes a contiguous prefix and appends the `audit.pruned` event recording the
 * new chain start, so the chain verifies after every batch, and a stop part way leaves it whole.
 */
export async function pruneAuditEvents(options: {
  retentionDays: number;
  actor: AuditActor;
  now?: Date;
  batchSize?: number;
}): Promise<PruneOutcome> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.retentionDays * DAY_MS);
  // Events appended from now on, this pruning's own records included, are never part of it.
  // findFirst, not aggregate: Prisma's aggregate wraps the table in a subquery, which keeps SQLite
  // from reading max(seq) off the key and made it scan every event (76 ms at a million).
  const head = await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
  if (!head) return { pruned: false };
  // The newest event older than the cutoff, found once by an index seek: event times never decrease
  // along the chain (lib/audit/record-audit-event.ts). A max(seq) over "older than the cutoff" in
  // every batch read the whole old range each time: 0.8 s a batch at 10 million events.
  const boundary = await db.auditEvent.findFirst({
    where: { createdAt: { lt: cutoff }, seq: { lte: head.seq } },
    orderBy: [{ createdAt: "desc" }, { seq: "desc" }],
    select: { seq: true },
  });
  if (!boundary) return { pruned: false };
  const limit = {
    cutoff,
    throughSeq: boundary.seq,
    batchSize: options.batchSize ?? PRUNE_BATCH_SIZE[currentDatabaseKind()],
  };
  let total: PruneOutcome = { pruned: false };
  for (;;) {
    await yieldToOthers();
    const started = Date.now();
    const batch = await pruneOneBatch(options, limit);
    if (!batch.pruned) return total;
    await pauseAfterBatch(Date.now() - started);
    total = total.pruned
      ? { ...batch, deletedCount: total.deletedCount + batch.deletedCount, batches: total.batches + 1 }
      : batch;
  }
}

/**
 * One batch. The deletion touches only a prefix of old events, which no append reads or links to
 * (an append links to the head), so on PostgreSQL it runs under a lock of its own that only other
 * prunings wait for; the chain lock is taken last, just to append the `audit.pruned` record, and
 * held from there to the commit. Deleting under the chain lock made every append on every replica
 * wait for the whole batch (hundreds of milliseconds).
 */
async function pruneOneBatch(
  options: { retentionDays: number; actor: AuditActor },
  { cutoff, throughSeq, batchSize }: { cutoff: Date; throughSeq: number; batchSize: number },
): Promise<PruneOutcome> {
  return db.$transaction(
    async (tx) => {
      if (currentDatabaseKind() === "postgresql") {
        await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${PRUNE_TRANSACTION_TIMEOUT_MS}`);
        await prismaSqlRunner(tx).execute(transactionLockStatement("audit-prune"));
      }
      const first = await tx.auditEvent.findFirst({ orderBy: { seq: "asc" }, select: { seq: true } });
      if (!first || first.seq > throughSeq) return { pruned: false };
      const deletedThroughSeq = Math.min(throughSeq, first.seq + batchSize - 1);

      const lastDeleted = await tx.auditEvent.findUniqueOrThrow({
        where: { seq: deletedThroughSeq },
        select: CHAIN_HEAD_SELECT,
      });
      // Read before the deletion: the record carries the chain's identity past its first events.
      const chainId = await readChainId(prismaSqlRunner(tx));
      const { count } = await tx.auditEvent.deleteMany({ where: { seq: { lte: deletedThroughSeq } } });
      const details: PrunedDetails = {
        retentionDays: options.retentionDays,
        cutoff: cutoff.toISOString(),
        deletedCount: count,
        deletedThroughSeq,
        // When every event was old enough, the pruning event itself is the first retained one.
        chainStart: { seq: deletedThroughSeq + 1, prevHash: lastDeleted.hash },
        ...(chainId ? { chainId } : {}),
      };
      await lockAuditChain(tx);
      // Appends since the deletion link to the newest event; with none, the last deleted one was the head.
      const head =
        (await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: CHAIN_HEAD_SELECT })) ?? lastDeleted;
      const { seq } = await appendAuditEvent(tx, { actor: options.actor, action: "audit.pruned", details }, head);
      return { pruned: true, eventSeq: seq, batches: 1, ...details };
    },
    { timeout: PRUNE_TRANSACTION_TIMEOUT_MS, maxWait: PRUNE_TRANSACTION_TIMEOUT_MS },
  );
}
