/**
 * Retention: the only path that removes audit events. Deletes every event up to the newest one
 * older than the retention period (a contiguous prefix, so the rest of the chain stays linked) and,
 * in the same transaction, appends an `audit.pruned` event recording the new chain start: the
 * first retained seq and the hash it links to. Verification starts from that record.
 */
import { prisma as db } from "@/lib/db/prisma";
import { currentDatabaseKind } from "@/lib/config/database-url";
import { prismaSqlRunner } from "@/lib/db/raw-sql";
import { appendAuditEvent, CHAIN_HEAD_SELECT, lockAuditChain, type AuditActor } from "@/lib/audit/record-audit-event";
import { readChainId } from "@/lib/audit/chain-start";
import type { PrunedDetails } from "@/lib/audit/audit-events";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Deleting hundreds of thousands of rows takes longer than Prisma's 5-second default. */
const PRUNE_TRANSACTION_TIMEOUT_MS = 10 * 60 * 1000;

export type PruneOutcome = { pruned: false } | ({ pruned: true; eventSeq: number } & PrunedDetails);

export async function pruneAuditEvents(options: {
  retentionDays: number;
  actor: AuditActor;
  now?: Date;
}): Promise<PruneOutcome> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.retentionDays * DAY_MS);
  return db.$transaction(
    async (tx) => {
      // The delete may outlast the session's statement_timeout (lib/db/postgres-session.ts); this
      // transaction has its own bound. Lock waits stay bounded by lock_timeout.
      if (currentDatabaseKind() === "postgresql")
        await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${PRUNE_TRANSACTION_TIMEOUT_MS}`);
      await lockAuditChain(tx);
      const boundary = await tx.auditEvent.aggregate({ where: { createdAt: { lt: cutoff } }, _max: { seq: true } });
      const deletedThroughSeq = boundary._max.seq;
      if (deletedThroughSeq === null) return { pruned: false };

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
      return { pruned: true, eventSeq: seq, ...details };
    },
    { timeout: PRUNE_TRANSACTION_TIMEOUT_MS, maxWait: PRUNE_TRANSACTION_TIMEOUT_MS },
  );
}
