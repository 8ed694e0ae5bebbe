/**
 * The audit chain's head, marked outside the database on every append. Someone with only database
 * access can delete the newest events, or all of them, and the chain that is left still links up;
 * Verify compares it with the marks and reports the missing or replaced newest events.
 *
 * Never behind a committed event: the append writes an `intent` line inside its transaction,
 * before COMMIT, and the line saying how the transaction ended (`committed` or `aborted`) once it
 * has ended (lib/db/transaction-outcome.ts). Only this process knows that outcome, so the mark
 * never has to guess it from the database, which is what it guards against: an event that is
 * absent after a `committed` line was deleted. A crash between the two lines leaves the intent
 * unresolved, which Verify reports as such.
 *
 * The mark moves only over a chain that still holds it; once the database has lost a marked
 * event, appends leave that mark alone, so the evidence stays until an operator looks. Marks are
 * kept per chain (lib/audit/chain-start.ts names it) and replica: an append on another database
 * starts its own mark, and every replica's marks sit side by side in AUDIT_MARK_DIR for Verify.
 */
import { getConfig } from "@/lib/config/env";
import type { SqlRunner } from "@/lib/db/raw-sql";
import { onTransactionOutcome } from "@/lib/db/transaction-outcome";
import { GENESIS_HASH } from "@/lib/audit/chain";
import { readChainId } from "@/lib/audit/chain-start";
import { compareHeadMark } from "@/lib/audit/compare-head-mark";
import {
  headMarkFile,
  readHeadMark,
  writeHeadMark,
  type HeadMark,
  type Link,
  type MarkFileRead,
} from "@/lib/audit/head-mark-log";

export const GENESIS_LINK: Link = { seq: 0, hash: GENESIS_HASH };

// The head this process marked last and its chain: an append right after it needs no chain query.
let lastMarked: (Link & { chain: string }) | null = null;

// This process's intents whose transaction has ended but whose outcome line is not written yet.
// The next append may already hold the chain lock by then; it waits for that line, not guesses.
const unsettled = new Map<string, Promise<void>>();

const intentKey = (file: string, seq: number) => `${file}#${seq}`;

async function chainOf(runner: SqlRunner, head: Link | null): Promise<string> {
  if (head && lastMarked && lastMarked.seq === head.seq && lastMarked.hash === head.hash) return lastMarked.chain;
  // Read after the append's own inserts, so an empty trail's new event #1 names the new chain.
  const chain = await readChainId(runner);
  if (!chain) throw new Error("The audit chain is empty right after an append.");
  return chain;
}

function settleIntent(file: string, key: Buffer, intent: HeadMark, committed: boolean): void {
  const current = readHeadMark(file, key);
  // A later append's intent, or an altered file: this outcome no longer describes the mark.
  if (
    current.status !== "ok" ||
    current.mark.state !== "intent" ||
    current.mark.seq !== intent.seq ||
    current.mark.hash !== intent.hash
  )
    return;
  writeHeadMark(file, key, { ...intent, state: committed ? "committed" : "aborted" }, current.appendable);
}

/**
 * Called by the append path in the same transaction, once per batch of events: `head` is the head
 * it read, `appended` the last event it wrote and `previous` the one before that (`head` itself
 * for a single event).
 */
export async function advanceHeadMark(
  runner: SqlRunner,
  head: Link | null,
  previous: Link | null,
  appended: Link,
): Promise<void> {
  const { auditKey: key, auditMarkDir, auditMarkReplica: replica } = getConfig();
  const chain = await chainOf(runner, head);
  const file = headMarkFile(auditMarkDir, chain, replica);
  const compare = async (read: MarkFileRead) =>
    read.status === "ok" ? (await compareHeadMark(runner, read.mark, head ?? GENESIS_LINK)).verdict : null;
  let current = readHeadMark(file, key);
  let verdict = await compare(current);
  // An earlier append of this process whose event is absent: its transaction has ended (this one
  // holds the chain lock), so its outcome line is on its way. Within one transaction the earlier
  // event is visible and holds, so this never waits for the transaction it runs in.
  const pending =
    current.status === "ok" && verdict === "unconfirmed" ? unsettled.get(intentKey(file, current.mark.seq)) : undefined;
  if (pending) {
    await pending;
    current = readHeadMark(file, key);
    verdict = await compare(current);
  }
  if (current.status === "tampered" || (verdict !== null && verdict !== "holds")) return;

  const intent: HeadMark = {
    chain,
    replica,
    state: "intent",
    seq: appended.seq,
    hash: appended.hash,
    previous: previous ?? GENESIS_LINK,
  };
  const pendingKey = intentKey(file, intent.seq);
  let settled!: () => void;
  const registered = onTransactionOutcome((committed) => {
    try {
      settleIntent(file, key, intent, committed);
    } catch (error) {
      // The change is committed or rolled back already; the unresolved intent is what Verify sees.
      console.error(
        `[handshake] audit head mark: could not record the outcome of event #${intent.seq}: ${(error as Error).message}`,
      );
    } finally {
      unsettled.delete(pendingKey);
      settled();
    }
  });
  if (!registered)
    throw new Error(
      "Audit events are appended inside prisma.$transaction or runRawTransaction, whose outcome the head mark needs.",
    );
  unsettled.set(pendingKey, new Promise<void>((resolve) => (settled = resolve)));
  writeHeadMark(file, key, intent, current.appendable);
  lastMarked = { chain, seq: appended.seq, hash: appended.hash };
}
