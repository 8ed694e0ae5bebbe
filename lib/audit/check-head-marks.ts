/**
 * Verify's side of the head marks (lib/audit/head-mark.ts): every mark file in AUDIT_MARK_DIR, of
 * every replica, is compared with the verified chain. A mark of another chain belongs to another
 * database that shares the directory: it is named, not counted as tampering. The exception is an
 * empty trail, which has no identity of its own: a mark then shows events that are gone.
 */
import path from "node:path";
import { getConfig } from "@/lib/config/env";
import type { Db } from "@/lib/db/prisma";
import { prismaSqlRunner } from "@/lib/db/raw-sql";
import { compareHeadMark, type MarkVerdict } from "@/lib/audit/compare-head-mark";
import { listHeadMarkFiles, readHeadMark, shortChainId, type HeadMark, type Link } from "@/lib/audit/head-mark-log";
import { GENESIS_LINK } from "@/lib/audit/head-mark";

export type MarkProblem = { seq: number; message: string };

export type HeadMarkCheck = { problem: MarkProblem | null; notes: string[] };

function describeVerdict(
  verdict: Exclude<MarkVerdict, { verdict: "holds" }>,
  mark: HeadMark,
  head: Link,
  file: string,
): MarkProblem {
  const by = `replica ${mark.replica}`;
  const { link } = verdict;
  if (verdict.verdict === "missing") {
    const missing = link.seq - head.seq === 1 ? `#${link.seq}` : `#${head.seq + 1} to #${link.seq}`;
    const end = head.seq === 0 ? "nothing" : `#${head.seq}`;
    return {
      seq: head.seq + 1,
      message: `The newest events ${missing} are missing: the trail ends at ${end}, but ${by} recorded #${link.seq}.`,
    };
  }
  if (verdict.verdict === "replaced") {
    return {
      seq: link.seq,
      message: `Event #${link.seq} is not the event recorded at that position by ${by}: the newest events were replaced.`,
    };
  }
  return {
    seq: link.seq,
    message:
      `Event #${link.seq} is missing, and whether it ever committed is unknown: ${by} marked it before COMMIT and stopped before recording the outcome. ` +
      `Either its change never committed, or it was deleted; once that is settled, move ${path.basename(file)} aside.`,
  };
}

/** `chainId` and `head` describe the verified chain (null for an empty trail). */
export async function checkHeadMarks(
  db: Db,
  key: Buffer,
  chainId: string | null,
  head: Link | null,
): Promise<HeadMarkCheck> {
  const runner = prismaSqlRunner(db);
  const notes = new Map<string, string>();
  for (const file of listHeadMarkFiles(getConfig().auditMarkDir)) {
    const read = readHeadMark(file, key);
    if (read.status === "none") continue;
    if (read.status === "tampered") {
      return {
        problem: {
          seq: head?.seq ?? 0,
          message: `The head mark in ${path.basename(file)} does not carry a valid signature: it was altered or written with another audit key.`,
        },
        notes: [],
      };
    }
    const { mark } = read;
    if (chainId === null) {
      const message = `The trail is empty, but replica ${mark.replica} recorded events up to #${mark.seq} of chain ${shortChainId(mark.chain)}: they were deleted, or this mark belongs to another database.`;
      return { problem: { seq: 1, message }, notes: [] };
    }
    if (mark.chain !== chainId) {
      notes.set(
        file,
        `The head mark of replica ${mark.replica} belongs to another database (chain ${shortChainId(mark.chain)}): not checked against this one (chain ${shortChainId(chainId)}).`,
      );
      continue;
    }
    const actual = head ?? GENESIS_LINK;
    const verdict = await compareHeadMark(runner, mark, actual);
    if (verdict.verdict !== "holds") return { problem: describeVerdict(verdict, mark, actual, file), notes: [] };
  }
  return { problem: null, notes: [...notes.values()] };
}
