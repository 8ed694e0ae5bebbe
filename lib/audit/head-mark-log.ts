/**
 * The files that hold the audit chain's head marks, outside the database: one per chain and
 * replica (`audit-head.<chain>.<replica>.jsonl`) in AUDIT_MARK_DIR (default DATA_DIR). Each is a
 * log of signed JSON lines (HMAC with the audit key) and its last complete line is the mark.
 *
 * Appending a line costs microseconds; replacing the file (write a copy, rename it over) waits for
 * the disk on ext4, which flushes a renamed-over file's data first. So a line is appended per
 * step, and the log is rewritten to its newest line, by rename, once it passes MARK_LOG_MAX_BYTES.
 * A line still being written, or cut short by a crash, has no newline yet and is not read.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const HEAD_MARK_PREFIX = "audit-head.";
const HEAD_MARK_SUFFIX = ".jsonl";

export type Link = { seq: number; hash: string };

/**
 * `intent`: written inside the append's transaction, before COMMIT; `committed` and `aborted`
 * follow once this process knows how the transaction ended. A crash in between leaves the intent.
 */
export type MarkState = "intent" | "committed" | "aborted";

export type HeadMark = Link & { chain: string; replica: string; state: MarkState; previous: Link };

export type MarkRead = { status: "none" } | { status: "tampered" } | { status: "ok"; mark: HeadMark };

// Two lines per append: at 256 KiB a rewrite comes every few hundred appends, as it did at 64 KiB
// with one line per append. Only the tail is ever read, so the size costs nothing else.
export const MARK_LOG_MAX_BYTES = 256 * 1024;
// More than one line: a mark line is about 330 bytes.
const TAIL_BYTES = 2048;
const STATES: readonly string[] = ["intent", "committed", "aborted"] satisfies MarkState[];

/** The chain's identity is a 64-hex hash; its first 16 digits name it in file names and messages. */
export function shortChainId(chain: string): string {
  return chain.slice(0, 16);
}

export function headMarkFile(dir: string, chain: string, replica: string): string {
  return path.join(dir, `${HEAD_MARK_PREFIX}${shortChainId(chain)}.${replica}${HEAD_MARK_SUFFIX}`);
}

/** Every mark file in `dir`, of every chain and replica. */
export function listHeadMarkFiles(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return names
    .filter((name) => name.startsWith(HEAD_MARK_PREFIX) && name.endsWith(HEAD_MARK_SUFFIX))
    .sort()
    .map((name) => path.join(dir, name));
}

function signMark(key: Buffer, mark: HeadMark): string {
  const payload = JSON.stringify([
    "handshake-audit-head-v2",
    mark.chain,
    mark.replica,
    mark.state,
    mark.seq,
    mark.hash,
    mark.previous.seq,
    mark.previous.hash,
  ]);
  return crypto.createHmac("sha256", key).update(payload).digest("hex");
}

type TailRead = { line: string | null; size: number; appendable: boolean };

function readTail(file: string): TailRead | null {
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
    if (end === -1) return { line: null, size, appendable };
    return { line: text.slice(text.lastIndexOf("\n", end - 1) + 1, end), size, appendable };
  } finally {
    fs.closeSync(fd);
  }
}

function parseMark(key: Buffer, line: string): HeadMark | null {
  try {
    const parsed = JSON.parse(line) as HeadMark & { mac?: unknown };
    if (!STATES.includes(parsed.state)) return null;
    const mark: HeadMark = {
      chain: String(parsed.chain),
      replica: String(parsed.replica),
      state: parsed.state,
      seq: Number(parsed.seq),
      hash: String(parsed.hash),
      previous: { seq: Number(parsed.previous.seq), hash: String(parsed.previous.hash) },
    };
    const expected = Buffer.from(signMark(key, mark), "hex");
    const given = Buffer.from(String(parsed.mac ?? ""), "hex");
    return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? mark : null;
  } catch {
    return null;
  }
}

export type MarkFileRead = MarkRead & { appendable: boolean };

export function readHeadMark(file: string, key: Buffer): MarkFileRead {
  const tail = readTail(file);
  if (!tail || (tail.line === null && tail.size === 0)) return { status: "none", appendable: false };
  const mark = tail.line === null ? null : parseMark(key, tail.line);
  return mark
    ? { status: "ok", mark, appendable: tail.appendable }
    : { status: "tampered", appendable: tail.appendable };
}

export function writeHeadMark(file: string, key: Buffer, mark: HeadMark, appendable: boolean): void {
  const line = `${JSON.stringify({ ...mark, mac: signMark(key, mark) })}\n`;
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
