/**
 * The audit chain's head, anchored outside the database: a high-water mark (newest seq and hash,
 * and the head it followed) in DATA_DIR next to the keys, HMAC-signed with the audit key. Someone
 * with only database access can delete the newest events, or all of them, and the chain that is
 * left still links up; verification compares it with this mark and reports the missing tail.
 *
 * The mark only moves forward, and only over a chain that still contains it: once the database
 * has lost the anchored head, appends leave the file alone, so the evidence stays until an
 * operator looks. With several replicas each machine keeps its own mark; each one is a head the
 * shared chain must still contain, so the check stays sound wherever Verify runs.
 *
 * The file is written inside the append's transaction, just before it commits: if that
 * transaction rolls back, the mark is one event ahead until the next append, which accepts
 * exactly that state (the head is the mark's predecessor).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getConfig } from "@/lib/config/env";
import type { Db } from "@/lib/db/prisma";
import { prismaSqlRunner, sql, type SqlRunner } from "@/lib/db/raw-sql";
import { GENESIS_HASH } from "@/lib/audit/chain";

export const AUDIT_HEAD_FILE = "audit-head.json";

type Link = { seq: number; hash: string };

export type HeadAnchor = Link & { previous: Link };

type AnchorRead = { status: "none" } | { status: "tampered" } | { status: "ok"; anchor: HeadAnchor };

const GENESIS_LINK: Link = { seq: 0, hash: GENESIS_HASH };

function anchorFile(): string {
  return path.join(getConfig().dataDir, AUDIT_HEAD_FILE);
}

function signAnchor(key: Buffer, anchor: HeadAnchor): string {
  const payload = JSON.stringify(["handshake-audit-head-v1", anchor.seq, anchor.hash, anchor.previous.seq, anchor.previous.hash]);
  return crypto.createHmac("sha256", key).update(payload).digest("hex");
}

/**
 * The file is a log of marks, one signed JSON line per append, and the last complete line is the
 * mark. Appending a line costs microseconds; replacing the file (write a copy, rename it over)
 * waits for the disk on ext4, which flushes a renamed-over file's data first, and that was most of
 * the time a connection test spent recording. A line still being written, or cut short by a crash,
 * has no newline yet and is not read. The log is rewritten to its newest line, by rename, once it
 * passes MARK_LOG_MAX_BYTES. A file from before the log (one mark, no newline) is read as that mark.
 */
const MARK_LOG_MAX_BYTES = 64 * 1024;
// More than one line: a mark line is about 250 bytes.
const TAIL_BYTES = 2048;

type MarkLog = {
  /** The last complete line, or the whole text of a single mark from before the log; null if none. */
  line: string | null;
  size: number;
  /** Whether a new line can be appended: the log ends with a newline and has room. */
  appendable: boolean;
};

function readMarkLog(file: string): MarkLog | null {
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    const { size } = fs.fstatSync(fd);
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    const text = buffer.toString("utf8");
    const appendable = text.endsWith("\n") && size < MARK_LOG_MAX_BYTES;
    const end = text.lastIndexOf("\n");
    if (end === -1) return { line: size === length && text.trim() ? text : null, size, appendable };
    return { line: text.slice(text.lastIndexOf("\n", end - 1) + 1, end), size, appendable };
  } finally {
    fs.closeSync(fd);
  }
}

type AnchorFileRead = AnchorRead & { appendable: boolean };

function readAnchorFile(key: Buffer): AnchorFileRead {
  const log = readMarkLog(anchorFile());
  if (!log || (log.line === null && log.size === 0)) return { status: "none", appendable: false };
  const { appendable } = log;
  if (log.line === null) return { status: "tampered", appendable };
  try {
    const parsed = JSON.parse(log.line) as HeadAnchor & { mac?: string };
    const anchor: HeadAnchor = { seq: parsed.seq, hash: parsed.hash, previous: { seq: parsed.previous.seq, hash: parsed.previous.hash } };
    const expected = Buffer.from(signAnchor(key, anchor), "hex");
    const given = Buffer.from(String(parsed.mac ?? ""), "hex");
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { status: "tampered", appendable };
    return { status: "ok", anchor, appendable };
  } catch {
    return { status: "tampered", appendable };
  }
}

export function readHeadAnchor(key: Buffer = getConfig().auditKey): AnchorRead {
  const read = readAnchorFile(key);
  return read.status === "ok" ? { status: "ok", anchor: read.anchor } : { status: read.status };
}

function writeHeadAnchor(anchor: HeadAnchor, appendable: boolean): void {
  const file = anchorFile();
  const line = `${JSON.stringify({ ...anchor, mac: signAnchor(getConfig().auditKey, anchor) })}\n`;
  if (appendable) {
    fs.appendFileSync(file, line);
    return;
  }
  // A new log, a full one, or one whose last line is incomplete: start over with this mark alone.
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(tmp, line, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** Whether the chain whose head is `head` still contains the anchored head (or is exactly the state before it). */
async function containsAnchor(runner: SqlRunner, anchor: HeadAnchor, head: Link): Promise<boolean> {
  if (head.seq === anchor.seq) return head.hash === anchor.hash;
  if (head.seq < anchor.seq) return head.seq === anchor.previous.seq && head.hash === anchor.previous.hash;
  const [anchored] = await runner.query<{ hash: string }>(sql`SELECT "hash" FROM "AuditEvent" WHERE "seq" = ${anchor.seq}`);
  return anchored?.hash === anchor.hash;
}

/**
 * Called by the append path in the same transaction, once per batch of events: `head` is the head
 * it read, `appended` the last event it wrote and `previous` the one before that (`head` itself
 * for a single event).
 */
export async function advanceHeadAnchor(runner: SqlRunner, head: Link | null, previous: Link | null, appended: Link): Promise<void> {
  const current = readAnchorFile(getConfig().auditKey);
  if (current.status === "tampered") return;
  if (current.status === "ok") {
    if (appended.seq < current.anchor.seq) return;
    if (!(await containsAnchor(runner, current.anchor, head ?? GENESIS_LINK))) return;
  }
  writeHeadAnchor({ seq: appended.seq, hash: appended.hash, previous: previous ? { seq: previous.seq, hash: previous.hash } : GENESIS_LINK }, current.appendable);
}

export type AnchorProblem = { seq: number; message: string };

/** Compares the verified chain's head with the anchor; null when they agree (or there is no anchor yet). */
export async function checkHeadAnchor(db: Db, key: Buffer, head: Link | null): Promise<AnchorProblem | null> {
  const current = readHeadAnchor(key);
  if (current.status === "none") return null;
  if (current.status === "tampered") {
    return { seq: head?.seq ?? 0, message: `The head mark in ${AUDIT_HEAD_FILE} does not carry a valid signature: it was altered or written with another audit key.` };
  }
  const { anchor } = current;
  const actual = head ?? GENESIS_LINK;
  if (await containsAnchor(prismaSqlRunner(db), anchor, actual)) {
    if (actual.seq >= anchor.seq) return null;
    return {
      seq: anchor.seq,
      message: `Event #${anchor.seq}, the newest one recorded, is missing: it was deleted, or the change it recorded was rolled back.`,
    };
  }
  if (actual.seq < anchor.seq) {
    const missing = anchor.seq - actual.seq === 1 ? `#${anchor.seq}` : `#${actual.seq + 1} to #${anchor.seq}`;
    return { seq: actual.seq + 1, message: `The newest events ${missing} are missing: the trail ends at ${actual.seq === 0 ? "nothing" : `#${actual.seq}`}, but #${anchor.seq} was recorded.` };
  }
  return { seq: anchor.seq, message: `Event #${anchor.seq} is not the event recorded at that position: the newest events were replaced.` };
}
