/**
 * What a head mark says about the chain stored now, shared by the append path (which moves the
 * mark only over a chain that still holds it) and Verify (which explains what does not hold).
 */
import { sql, type SqlRunner } from "@/lib/db/raw-sql";
import type { HeadMark, Link } from "@/lib/audit/head-mark-log";

/**
 * - `holds`: the chain still has what the mark promises.
 * - `missing`: the chain ends before `link`, a committed event.
 * - `replaced`: another event stands at `link`'s position.
 * - `unconfirmed`: the mark is an intent whose event is absent and whose outcome was never written
 *   (the process stopped during COMMIT): either it never committed, or it was deleted.
 */
export type MarkVerdict = { verdict: "holds" } | { verdict: "missing" | "replaced" | "unconfirmed"; link: Link };

type LinkFound = "held" | "short" | "differs";

async function findLink(runner: SqlRunner, link: Link, head: Link): Promise<LinkFound> {
  if (link.seq === 0) return "held";
  if (head.seq === link.seq) return head.hash === link.hash ? "held" : "differs";
  // Past the head too: Verify's walk reads a live trail, and an append committed after the walk
  // passed the end is there, not missing.
  const [row] = await runner.query<{ hash: string }>(sql`SELECT "hash" FROM "AuditEvent" WHERE "seq" = ${link.seq}`);
  if (row) return row.hash === link.hash ? "held" : "differs";
  if (head.seq < link.seq) return "short";
  // Pruned away: the chain walk checks the start that the pruning recorded, not this mark.
  const [first] = await runner.query<{ seq: unknown }>(sql`SELECT MIN("seq") AS "seq" FROM "AuditEvent"`);
  return first?.seq !== null && first?.seq !== undefined && link.seq < Number(first.seq) ? "held" : "differs";
}

function verdictOf(found: LinkFound, link: Link): MarkVerdict {
  if (found === "held") return { verdict: "holds" };
  return { verdict: found === "short" ? "missing" : "replaced", link };
}

/** Compares `mark` with the chain whose head is `head` (seq 0 for an empty trail). */
export async function compareHeadMark(runner: SqlRunner, mark: HeadMark, head: Link): Promise<MarkVerdict> {
  const own: Link = { seq: mark.seq, hash: mark.hash };
  if (mark.state === "committed") return verdictOf(await findLink(runner, own, head), own);
  if (mark.state === "intent" && (await findLink(runner, own, head)) === "held") return { verdict: "holds" };
  // An aborted event, or an unresolved one, promises only the event before it, which had committed.
  const previous = await findLink(runner, mark.previous, head);
  if (mark.state === "intent" && previous === "held") return { verdict: "unconfirmed", link: own };
  return verdictOf(previous, mark.previous);
}
