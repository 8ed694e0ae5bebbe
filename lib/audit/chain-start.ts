/**
 * Where the audit chain starts: event #1 after the genesis hash, or, once retention pruning has
 * removed the oldest events, the first retained event and the hash it links to, as recorded in
 * the details of the latest `audit.pruned` event (itself part of the chain, so HMAC-protected).
 */
import type { Db, Tx } from "@/lib/db/prisma";
import { GENESIS_HASH } from "@/lib/audit/chain";

export type ChainStart = {
  seq: number;
  prevHash: string;
  /** The seq of the `audit.pruned` event that recorded this start; absent for the genesis start. */
  recordedBy?: number;
};

export const GENESIS_CHAIN_START: ChainStart = { seq: 1, prevHash: GENESIS_HASH };

/** The shape pruning writes into its event's details. */
export type PrunedDetails = {
  retentionDays: number;
  cutoff: string;
  deletedCount: number;
  deletedThroughSeq: number;
  chainStart: { seq: number; prevHash: string };
};

function parseChainStart(details: string): { seq: number; prevHash: string } | null {
  try {
    const parsed = JSON.parse(details) as Partial<PrunedDetails>;
    const start = parsed.chainStart;
    if (start && Number.isInteger(start.seq) && typeof start.prevHash === "string") return { seq: start.seq, prevHash: start.prevHash };
  } catch {
    // A malformed record is treated like none: verification then starts at genesis and reports the gap.
  }
  return null;
}

export async function readChainStart(db: Db | Tx): Promise<ChainStart> {
  const pruned = await db.auditEvent.findFirst({ where: { action: "audit.pruned" }, orderBy: { seq: "desc" }, select: { seq: true, details: true } });
  const start = pruned ? parseChainStart(pruned.details) : null;
  return start && pruned ? { ...start, recordedBy: pruned.seq } : GENESIS_CHAIN_START;
}
