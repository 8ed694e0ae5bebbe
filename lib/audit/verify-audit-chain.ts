/**
 * Walks the audit chain in seq order, in fixed-size batches (constant memory however long the
 * chain), and reports the first broken or missing link. The walk starts at the chain start: event 1
 * after the genesis hash, or the anchor recorded by the latest `audit.pruned` event, whose own hash
 * is checked before it is trusted.
 */
import type { Db } from "@/lib/db/prisma";
import { prisma as db } from "@/lib/db/prisma";
import type { AuditEvent } from "@/lib/db/generated/client";
import { computeEventHash, GENESIS_HASH } from "@/lib/audit/chain";
import { readChainStart, type ChainStart } from "@/lib/audit/chain-start";
import { checkHeadMarks } from "@/lib/audit/check-head-marks";
import {
  findNextAuditSeq,
  readSignedAuditBatch,
  readSignedAuditRows,
  type SignedAuditBatch,
  type SignedAuditRow,
} from "@/lib/audit/read-audit-events";
import { createChainHasher, type ChainHasher } from "@/lib/audit/chain-hasher";

export type ChainProblemKind =
  "content_changed" | "event_missing" | "order_changed" | "chain_start_mismatch" | "head_missing";

export type ChainProblem = { kind: ChainProblemKind; seq: number; message: string };

export type ChainVerification =
  | {
      ok: true;
      count: number;
      firstSeq: number | null;
      headSeq: number | null;
      headHash: string;
      chainStart: ChainStart;
      notes: string[];
    }
  | { ok: false; verifiedCount: number; problem: ChainProblem; chainStart: ChainStart };

const BATCH_SIZE = 5000;
/** How far from its stored position a moved event is searched for, when its predecessor is not found. */
const MOVED_EVENT_WINDOW = 64;

type VerifyOptions = { key: Buffer; batchSize?: number; onProgress?: (verified: number) => void };

function hashOf(key: Buffer, event: AuditEvent, seq = event.seq): string {
  return computeEventHash(key, event.prevHash, { ...event, seq });
}

/** The seq an event was written with, if its HMAC verifies under another seq than the one it is stored at. */
function findWrittenSeq(key: Buffer, event: AuditEvent, predecessorSeq: number | undefined): number | undefined {
  const candidates = predecessorSeq === undefined ? [] : [predecessorSeq + 1];
  for (let d = 1; d <= MOVED_EVENT_WINDOW; d += 1) candidates.push(event.seq + d, event.seq - d);
  return candidates.find((seq) => seq > 0 && seq !== event.seq && hashOf(key, event, seq) === event.hash);
}

async function diagnoseBrokenLink(
  db: Db,
  key: Buffer,
  event: AuditEvent,
  expectedPrevHash: string,
  previousSeq: number | null,
): Promise<ChainProblem | null> {
  const contentOk = hashOf(key, event) === event.hash;
  const linkOk = event.prevHash === expectedPrevHash;
  if (contentOk && linkOk) return null;

  const predecessor = linkOk
    ? null
    : await db.auditEvent.findFirst({ where: { hash: event.prevHash }, select: { seq: true } });
  const after = previousSeq === null ? "the chain start" : `event #${previousSeq}`;

  if (!contentOk) {
    const writtenSeq = findWrittenSeq(key, event, predecessor?.seq);
    if (writtenSeq === undefined) {
      return {
        kind: "content_changed",
        seq: event.seq,
        message: `Event #${event.seq} was changed after it was written: its content no longer matches its hash.`,
      };
    }
    if (!linkOk && !predecessor) {
      return {
        kind: "event_missing",
        seq: event.seq,
        message: `The event written before the one now stored as #${event.seq} (written as #${writtenSeq}) is missing, and later events were renumbered.`,
      };
    }
    return {
      kind: "order_changed",
      seq: event.seq,
      message: `Event #${event.seq} is out of order: it was written as #${writtenSeq}.`,
    };
  }
  if (predecessor) {
    return {
      kind: "order_changed",
      seq: event.seq,
      message: `Event #${event.seq} is out of order: it was written after the event now stored as #${predecessor.seq}, not after ${after}.`,
    };
  }
  return {
    kind: "event_missing",
    seq: event.seq,
    message: `The event written before #${event.seq} is missing or was replaced: #${event.seq} does not follow ${after}.`,
  };
}

/** Batches read at once: on PostgreSQL each is rendered by its own server process, in parallel. */
const READ_AHEAD = 2;

/** A range of seqs, `after < seq <= through`, read as one batch. */
type ChainRange = { after: number; through: number; batch: SignedAuditBatch };

/**
 * Every event in seq order, once, in batches of fixed seq ranges rather than keyset pages, so that
 * the next ranges are read while this one is checked. Seqs are dense, so a range holds a whole batch
 * up to the head; after a short one (the head, or a gap the walk reports) the ranges start again at
 * the next event, if there is one.
 */
function readChainRanges(batchSize: number) {
  let reads: { after: number; through: number; batch: Promise<SignedAuditBatch> }[] = [];
  let end = 0;
  let probeAfter: number | null = null;
  return {
    /**
     * The next range, or null past the head; starts reading the ones after it. Called once the
     * current batch is with the hashing thread: on SQLite a read holds this thread while it runs.
     */
    async next(): Promise<ChainRange | null> {
      for (;;) {
        if (probeAfter !== null) {
          const next = await findNextAuditSeq(probeAfter);
          probeAfter = null;
          if (next === null) return null;
          reads = [];
          end = next - 1;
        }
        while (reads.length < READ_AHEAD) {
          const batch = readSignedAuditBatch(end, end + batchSize);
          // A batch read ahead is dropped after a gap, or when the walk stops: its failure is then nobody's.
          batch.catch(() => undefined);
          reads.push({ after: end, through: end + batchSize, batch });
          end += batchSize;
        }
        const { after, through, batch } = reads.shift()!;
        const read = await batch;
        if (read.count < batchSize) probeAfter = through;
        if (read.count > 0) return { after, through, batch: read };
      }
    },
  };
}

const HASH_LENGTH = GENESIS_HASH.length;

/**
 * Whether a batch continues the chain intact, from whole strings: each part's seqs run on from the
 * expected one without a gap, each link is the hash before it (a part's links shifted by one event
 * are its hashes but the last) and the HMACs of the signed texts are the stored hashes. False means
 * only "look closer": the walk then reads the range row by row and names what is wrong.
 */
export async function continuesIntact(
  hasher: ChainHasher,
  batch: SignedAuditBatch,
  expected: { seq: number; prevHash: string },
  offThread: boolean,
): Promise<boolean> {
  let { seq, prevHash } = expected;
  for (const { count, firstSeq, lastSeq, hashes, prevHashes } of batch.parts) {
    if (firstSeq !== seq || lastSeq !== seq + count - 1) return false;
    if (hashes.length !== count * HASH_LENGTH || prevHashes.length !== count * HASH_LENGTH) return false;
    if (prevHashes.slice(0, HASH_LENGTH) !== prevHash) return false;
    if (prevHashes.slice(HASH_LENGTH) !== hashes.slice(0, -HASH_LENGTH)) return false;
    seq = lastSeq + 1;
    prevHash = hashes.slice(-HASH_LENGTH);
  }
  const digests = await hasher.hashSignedTexts(
    batch.parts.map((part) => part.signed),
    { offThread },
  );
  return digests.every((digest, i) => digest === batch.parts[i]!.hashes);
}

/** What the Verify integrity button shows. */
export type IntegrityReport = { intact: boolean; message: string; headSeq?: number; headHash?: string };

export async function verifyAuditChain(options: VerifyOptions): Promise<ChainVerification> {
  const { key, batchSize = BATCH_SIZE, onProgress } = options;
  const chainStart = await readChainStart(db);
  const fail = (verifiedCount: number, problem: ChainProblem): ChainVerification => ({
    ok: false,
    verifiedCount,
    problem,
    chainStart,
  });

  if (chainStart.recordedBy) {
    const anchorEvent = await db.auditEvent.findUnique({ where: { seq: chainStart.recordedBy } });
    if (anchorEvent && hashOf(key, anchorEvent) !== anchorEvent.hash) {
      return fail(0, {
        kind: "content_changed",
        seq: anchorEvent.seq,
        message: `Event #${anchorEvent.seq} (the pruning record that names the chain start) was changed after it was written.`,
      });
    }
  }

  let expectedSeq = chainStart.seq;
  let expectedPrevHash = chainStart.prevHash;
  let previousSeq: number | null = null;
  let firstSeq: number | null = null;
  let firstHash: string | null = null;
  let count = 0;
  // A chain longer than one batch is hashed on a second thread while the next batches are read.
  const hasher = createChainHasher(key);

  /** The events of a range the whole-batch check did not pass, one by one: the first problem, if any. */
  const checkRows = async (rows: SignedAuditRow[]): Promise<ChainVerification | null> => {
    const mismatched = await hasher.findMismatches(rows, { offThread: rows.length === batchSize });
    for (const [index, row] of rows.entries()) {
      if (row.seq < expectedSeq) {
        return fail(count, {
          kind: "chain_start_mismatch",
          seq: row.seq,
          message: `Event #${row.seq} comes before the chain start recorded by the last pruning (#${chainStart.seq}).`,
        });
      }
      if (row.seq > expectedSeq) {
        const missing = row.seq - expectedSeq === 1 ? `#${expectedSeq}` : `#${expectedSeq} to #${row.seq - 1}`;
        const kind = previousSeq === null && chainStart.recordedBy ? "chain_start_mismatch" : "event_missing";
        return fail(count, {
          kind,
          seq: expectedSeq,
          message: `Event ${missing} is missing: the chain jumps from ${previousSeq === null ? "its start" : `#${previousSeq}`} to #${row.seq}.`,
        });
      }
      const intact = row.prevHash === expectedPrevHash && !mismatched.has(index);
      const problem = intact
        ? null
        : await diagnoseBrokenLink(
            db,
            key,
            await db.auditEvent.findUniqueOrThrow({ where: { seq: row.seq } }),
            expectedPrevHash,
            previousSeq,
          );
      if (problem) {
        if (previousSeq === null && chainStart.recordedBy && problem.kind === "event_missing") {
          return fail(count, {
            kind: "chain_start_mismatch",
            seq: row.seq,
            message: `Event #${row.seq} does not match the chain start recorded by the pruning in event #${chainStart.recordedBy}.`,
          });
        }
        return fail(count, problem);
      }
      firstSeq ??= row.seq;
      firstHash ??= row.hash;
      previousSeq = row.seq;
      expectedPrevHash = row.hash;
      expectedSeq = row.seq + 1;
      count += 1;
    }
    return null;
  };

  try {
    const ranges = readChainRanges(batchSize);
    for (let range = await ranges.next(); range;) {
      const { batch } = range;
      const checking = continuesIntact(
        hasher,
        batch,
        { seq: expectedSeq, prevHash: expectedPrevHash },
        batch.count === batchSize,
      );
      const following = ranges.next();
      // A broken link returns before the following range is awaited; its failure is then nobody's.
      following.catch(() => undefined);
      if (await checking) {
        const [first, last] = [batch.parts[0]!, batch.parts.at(-1)!];
        firstSeq ??= first.firstSeq;
        firstHash ??= first.hashes.slice(0, HASH_LENGTH);
        previousSeq = last.lastSeq;
        expectedPrevHash = last.hashes.slice(-HASH_LENGTH);
        expectedSeq = last.lastSeq + 1;
        count += batch.count;
      } else {
        const failure = await checkRows(await readSignedAuditRows(range.after, range.through));
        if (failure) return failure;
      }
      onProgress?.(count);
      range = await following;
    }
  } finally {
    await hasher.close();
  }

  if (chainStart.recordedBy && count === 0) {
    return fail(0, {
      kind: "event_missing",
      seq: chainStart.seq,
      message: `No events remain, yet pruning event #${chainStart.recordedBy} recorded a chain start.`,
    });
  }
  // The newest events leave no gap behind them: only the head anchored outside the database shows them missing.
  // The chain's identity keys the marks: a pruned chain's start record carries it, else it is event #1's hash.
  const chainId = chainStart.chainId ?? firstHash;
  const marks = await checkHeadMarks(
    db,
    key,
    chainId,
    previousSeq === null ? null : { seq: previousSeq, hash: expectedPrevHash },
  );
  if (marks.problem) return fail(count, { kind: "head_missing", ...marks.problem });
  return {
    ok: true,
    count,
    firstSeq,
    headSeq: previousSeq,
    headHash: count === 0 ? GENESIS_HASH : expectedPrevHash,
    chainStart,
    notes: marks.notes,
  };
}

/** One sentence for the CLI and the Audit page. */
export function describeVerification(result: ChainVerification): string {
  if (!result.ok) return `Broken at event #${result.problem.seq}: ${result.problem.message}`;
  const notes = result.notes.map((note) => ` ${note}`).join("");
  if (result.count === 0) return `The audit trail is empty: nothing to verify.${notes}`;
  const range = `#${result.firstSeq} to #${result.headSeq}`;
  const pruned = result.chainStart.recordedBy
    ? `, starting at the chain start recorded by pruning event #${result.chainStart.recordedBy}`
    : "";
  return `All ${result.count.toLocaleString("en-US")} events verify (${range}${pruned}).${notes}`;
}
