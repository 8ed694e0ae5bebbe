/**
 * Checks batches of audit events' hashes, on a second thread once the chain is longer than one
 * batch, so that Verify reads the next batch while this one is hashed: at 10 million events,
 * reading and hashing each take about 3 µs an event on one core, and a machine has at least two.
 */
import { Worker } from "node:worker_threads";
import { hashCanonicalContent, hashSignedText, signedTextOf } from "@/lib/audit/chain";
import { SIGNED_TEXT_SEPARATOR, splitSignedTexts, type SignedAuditRow } from "@/lib/audit/read-audit-events";

/**
 * Plain JavaScript evaluated by the worker, rather than a module file: tsx, Vitest and Next's server
 * bundle do not agree on how a worker file is found. It must compute exactly `hashCanonicalContent`
 * (lib/audit/chain.ts) and split as `splitSignedTexts` (lib/audit/read-audit-events.ts);
 * chain-hasher.test.ts holds them together.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const crypto = require("node:crypto");
const key = Buffer.from(workerData.key);
const hmac = (text) => crypto.createHmac("sha256", key).update(text).digest("hex");
const separatorByte = workerData.separator.charCodeAt(0);
function splitSignedTexts(signed) {
  if (typeof signed === "string") return signed.split(workerData.separator);
  const texts = [];
  for (let start = 0; ; ) {
    const end = signed.indexOf(separatorByte, start);
    texts.push(signed.subarray(start, end < 0 ? signed.length : end));
    if (end < 0) return texts;
    start = end + 1;
  }
}
parentPort.on("message", ({ texts, text, ends }) => {
  if (texts) return parentPort.postMessage(texts.map((t) => splitSignedTexts(t).map(hmac).join("")));
  const digests = [];
  let start = 0;
  for (const end of ends) {
    digests.push(hmac(text.substring(start, end)));
    start = end;
  }
  parentPort.postMessage(digests.join(""));
});
`;

/** The signed text of each event (lib/audit/chain.ts), as one string and where each ends: one copy to post, not thousands of objects. */
function packSignedText(rows: SignedAuditRow[]): { text: string; ends: Int32Array<ArrayBuffer> } {
  const ends = new Int32Array(rows.length);
  let length = 0;
  const parts = rows.map((row, i) => {
    const part = signedTextOf(row.prevHash, row.canonical);
    length += part.length;
    ends[i] = length;
    return part;
  });
  return { text: parts.join(""), ends };
}

type Pending = { resolve: (digests: string | string[]) => void; reject: (error: Error) => void };

/** What the worker hashes: texts that end at `ends`, or lists of texts that SIGNED_TEXT_SEPARATOR separates. */
type HashRequest = { text: string; ends: Int32Array<ArrayBuffer> } | { texts: (string | Uint8Array)[] };

/** One worker thread, one batch at a time: Verify awaits each batch before it sends the next. */
function startHashThread(key: Buffer) {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { key: new Uint8Array(key), separator: SIGNED_TEXT_SEPARATOR },
  });
  let failure: Error | null = null;
  let pending: Pending | null = null;
  const fail = (error: Error) => {
    failure = error;
    pending?.reject(error);
    pending = null;
  };
  worker.on("message", (digests: string | string[]) => {
    pending?.resolve(digests);
    pending = null;
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the hashing thread stopped (exit code ${code})`)));
  return {
    /** The HMACs in hex, run together: of all the texts, or of each list's (one string per list). */
    hash<T extends string | string[]>(request: HashRequest): Promise<T> {
      if (failure) return Promise.reject(failure);
      if (pending) return Promise.reject(new Error("the hashing thread is still checking a batch"));
      return new Promise<T>((resolve, reject) => {
        pending = { resolve: (digests) => resolve(digests as T), reject };
        worker.postMessage(request, "ends" in request ? [request.ends.buffer] : []);
      });
    },
    async stop() {
      worker.removeAllListeners("exit");
      fail(new Error("the hashing thread was closed"));
      await worker.terminate();
    },
  };
}

export type ChainHasher = {
  /**
   * The positions in `rows` whose stored hash is not the HMAC of their link and content. `offThread`
   * starts the worker (a chain of one batch is not worth its start-up) and keeps using it.
   */
  findMismatches(rows: SignedAuditRow[], options: { offThread: boolean }): Promise<Set<number>>;
  /** For each SignedAuditPart's `signed`, the HMACs in hex of its signed texts, run together. */
  hashSignedTexts(signed: (string | Uint8Array)[], options: { offThread: boolean }): Promise<string[]>;
  close(): Promise<void>;
};

export function createChainHasher(key: Buffer): ChainHasher {
  let thread: ReturnType<typeof startHashThread> | null = null;
  return {
    async findMismatches(rows, { offThread }) {
      if (offThread) thread ??= startHashThread(key);
      if (thread) {
        const digests = await thread.hash<string>(packSignedText(rows));
        return new Set(rows.flatMap((row, i) => (digests.startsWith(row.hash, i * 64) ? [] : [i])));
      }
      return new Set(
        rows.flatMap((row, i) => (hashCanonicalContent(key, row.prevHash, row.canonical) === row.hash ? [] : [i])),
      );
    },
    async hashSignedTexts(signed, { offThread }) {
      if (offThread) thread ??= startHashThread(key);
      if (thread) return thread.hash<string[]>({ texts: signed });
      return signed.map((texts) =>
        splitSignedTexts(texts)
          .map((text) => hashSignedText(key, text))
          .join(""),
      );
    },
    async close() {
      await thread?.stop();
    },
  };
}
