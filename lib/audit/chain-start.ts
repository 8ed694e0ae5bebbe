/**
 * Where the audit chain starts: event #1 after the genesis hash, or, once retention pruning has
 * removed the oldest events, the first retained event and the hash it links to, as recorded in
 * the details of the latest `audit.pruned` event (itself part of the chain, so HMAC-protected).
 *
 * It also names the chain: its identity is the hash of its event #1, and pruning carries that
 * identity forward in its record, so a chain keeps its name when its first events are gone. Head
 * marks outside the database (lib/audit/head-mark.ts) are keyed by it, which tells a mark of this
 * database from a mark of another one that shares the data directory.
 */
import type { Db, Tx } from "@/lib/db/prisma";
import { sql, type SqlRunner } from "@/lib/db/raw-sql";
import { GENESIS_HASH } from "@/lib/audit/chain";
import type { PrunedDetails } from "@/lib/audit/audit-events";

export type ChainStart = {
  seq: number;
  prevHash: string;
  /** The seq of the `audit.pruned` event that recorded this start; absent for the genesis start. */
  recordedBy?: number;
  /** The chain's identity as that pruning recorded it; for the genesis start it is the hash of event #1. */
  chainId?: string;
};

export const GENESIS_CHAIN_START: ChainStart = { seq: 1, prevHash: GENESIS_HASH };

function parsePrunedStart(details: string): { seq: number; prevHash: string; chainId: string } | null {
  try {
    const parsed = JSON.parse(details) as Partial<PrunedDetails>;
    const start = parsed.chainStart;
    if (start && Number.isInteger(start.seq) && typeof start.prevHash === "string") {
      // A pruning from before chain identities: the hash it starts from names the chain from then on.
      const chainId = typeof parsed.chainId === "string" ? parsed.chainId : start.prevHash;
      return { seq: start.seq, prevHash: start.prevHash, chainId };
    }
  } catch {
    // A malformed record is treated like none: verification then starts at genesis and reports the gap.
  }
  return null;
}

export async function readChainStart(db: Db | Tx): Promise<ChainStart> {
  const pruned = await db.auditEvent.findFirst({
    where: { action: "audit.pruned" },
    orderBy: { seq: "desc" },
    select: { seq: true, details: true },
  });
  const start = pruned ? parsePrunedStart(pruned.details) : null;
  return start && pruned ? { ...start, recordedBy: pruned.seq } : GENESIS_CHAIN_START;
}

/** The identity of the chain stored now, read as the append path reads (plain SQL); null for an empty trail. */
export async function readChainId(runner: SqlRunner): Promise<string | null> {
  const [pruned] = await runner.query<{ details: string }>(
    sql`SELECT "details" FROM "AuditEvent" WHERE "action" = ${"audit.pruned"} ORDER BY "seq" DESC LIMIT 1`,
  );
  const start = pruned ? parsePrunedStart(pruned.details) : null;
  if (start) return start.chainId;
  const [first] = await runner.query<{ hash: string }>(sql`SELECT "hash" FROM "AuditEvent" WHERE "seq" = ${1}`);
  return first?.hash ?? null;
}
