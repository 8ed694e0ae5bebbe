/**
 * Retention: the only path that removes audit events. Deletes every event up to the newest one
 * older than the retention period (a contiguous prefix, so the rest of the chain stays linked) and,
 * in the same transaction as each batch, appends an `audit.pruned` event recording the new chain
 * start: the first retained seq and the hash it links to. Verification starts from the latest record.
 */
import { prisma as db } from "@/lib/db/prisma";
import { currentDatabaseKind } from "@/lib/config/database-url";
import { prismaSqlRunner } from "@/lib/db/raw-sql";
import { appendAuditEvent, CHAIN_HEAD_SELECT, lockAuditChain, type AuditActor } from "@/lib/audit/record-audit-event";
import { readChainId } from "@/lib/audit/chain-start";
import type { PrunedDetails } from "@/lib/audit/audit-events";
import { yieldToOthers } from "@/lib/jobs/yield-to-others";

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * Events deleted per transaction. Each batch holds the chain lock (and on SQLite the one writer
 * slot) while it deletes, so its size bounds how long a concurrent append waits: two thousand rows
 * with their four indexes take tens of milliseconds (npm run bench:audit-prune measures it).
 */
export const PRUNE_BATCH_SIZE = 2_000;
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
  const head = await db.auditEvent.aggregate({ _max: { seq: true } });
  if (head._max.seq === null) return { pruned: false };
  const limit = { cutoff, throughSeq: head._max.seq, batchSize: options.batchSize ?? PRUNE_BATCH_SIZE };
  let total: PruneOutcome = { pruned: false };
  for (;;) {
    await yieldToOthers();
    const batch = await pruneOneBatch(options, limit);
    if (!batch.pruned) return total;
    total = total.pruned
      ? { ...batch, deletedCount: total.deletedCount + batch.deletedCount, batches: total.batches + 1 }
      : batch;
  }
}

async function pruneOneBatch(
  options: { retentionDays: number; actor: AuditActor },
  { cutoff, throughSeq, batchSize }: { cutoff: Date; throughSeq: number; batchSize: number },
): Promise<PruneOutcome> {
  return db.$transaction(
    async (tx) => {
      if (currentDatabaseKind() === "postgresql")
        await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${PRUNE_TRANSACTION_TIMEOUT_MS}`);
      await lockAuditChain(tx);
      const boundary = await tx.auditEvent.aggregate({
        where: { createdAt: { lt: cutoff }, seq: { lte: throughSeq } },
        _max: { seq: true },
      });
      if (boundary._max.seq === null) return { pruned: false };
      const first = await tx.auditEvent.aggregate({ _min: { seq: true } });
      const deletedThroughSeq = Math.min(boundary._max.seq, (first._min.seq ?? 1) + batchSize - 1);

      const head = await tx.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" }, select: CHAIN_HEAD_SELECT });
      const lastDeleted = await tx.auditEvent.findUniqueOrThrow({
        where: { seq: deletedThroughSeq },
        select: { hash: true },
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
      const { seq } = await appendAuditEvent(tx, { actor: options.actor, action: "audit.pruned", details }, head);
      return { pruned: true, eventSeq: seq, batches: 1, ...details };
    },
    { timeout: PRUNE_TRANSACTION_TIMEOUT_MS, maxWait: PRUNE_TRANSACTION_TIMEOUT_MS },
  );
}
