/**
 * Audit events in seq order, read straight from the driver adapter in keyset batches, for the two
 * walks over the whole trail: Verify and the export. At millions of events Prisma's engine cost
 * more per row than reading the row itself (lib/bench/bench-audit.ts measures both walks).
 */
import type { AuditEvent } from "@/lib/db/generated/client";
import { currentDatabaseKind } from "@/lib/config/database-url";
import { runRawQuery } from "@/lib/db/raw-sql";
import type { SqlStatement, SqlValue } from "@/lib/db/sql-statement";

/** The Audit page's filter once names are resolved (lib/audit/list-audit-events.ts). */
export type AuditConditions = {
  actorId?: string;
  actorEmail?: string;
  action?: string;
  connectionIds?: readonly string[];
  /** Inclusive seq bounds: a date range, found by two index seeks. */
  seqFrom?: number;
  seqTo?: number;
  matchesNothing?: boolean;
};

export type AuditEventRange = { conditions?: AuditConditions; limit: number } & (
  { order: "asc"; after: number } | { order: "desc"; before: number }
);

const COLUMNS = `"seq", "createdAt", "actorId", "actorEmail", "actorRole", "ip", "userAgent", "action",
  "targetType", "targetId", "targetName", "connectionId", "details", "prevHash", "hash"`;

/** `WHERE a = ? AND b < ? …` with every value bound: a statement built from clauses and their values. */
function statementOf(
  head: string,
  clauses: [text: string, values: SqlValue[]][],
  tail: [string, SqlValue],
): SqlStatement {
  const strings: string[] = [];
  const values: SqlValue[] = [];
  let text = `${head} WHERE `;
  clauses.forEach(([clause, clauseValues], i) => {
    const parts = clause.split("?");
    text += (i === 0 ? "" : " AND ") + parts[0]!;
    clauseValues.forEach((value, v) => {
      strings.push(text);
      values.push(value);
      text = parts[v + 1]!;
    });
  });
  strings.push(text + tail[0]);
  values.push(tail[1]);
  strings.push("");
  return { strings, values };
}

function clausesOf(c: AuditConditions): [string, SqlValue[]][] {
  if (c.matchesNothing) return [["1 = 0", []]];
  const clauses: [string, SqlValue[]][] = [];
  if (c.actorId !== undefined) clauses.push([`"actorId" = ?`, [c.actorId]]);
  if (c.actorEmail !== undefined) clauses.push([`"actorEmail" = ?`, [c.actorEmail]]);
  if (c.action !== undefined) clauses.push([`"action" = ?`, [c.action]]);
  if (c.connectionIds !== undefined) {
    if (c.connectionIds.length === 0) return [["1 = 0", []]];
    clauses.push([`"connectionId" IN (${c.connectionIds.map(() => "?").join(", ")})`, [...c.connectionIds]]);
  }
  if (c.seqFrom !== undefined) clauses.push([`"seq" >= ?`, [c.seqFrom]]);
  if (c.seqTo !== undefined) clauses.push([`"seq" <= ?`, [c.seqTo]]);
  return clauses;
}

/** One keyset batch: events after (ascending) or before (descending) a seq, matching the conditions. */
export async function readAuditEvents(range: AuditEventRange): Promise<AuditEvent[]> {
  const clauses = clausesOf(range.conditions ?? {});
  clauses.push(range.order === "asc" ? [`"seq" > ?`, [range.after]] : [`"seq" < ?`, [range.before]]);
  return runRawQuery<AuditEvent>(
    statementOf(`SELECT ${COLUMNS} FROM "AuditEvent"`, clauses, [
      ` ORDER BY "seq" ${range.order === "asc" ? "ASC" : "DESC"} LIMIT `,
      range.limit,
    ]),
  );
}

/** An event as its hash signs it: the canonical content (lib/audit/chain.ts) as one string, and the link. */
export type SignedAuditRow = { seq: number; canonical: string; prevHash: string; hash: string };

const CHAINED_TEXT_COLUMNS = ["actorId", "actorEmail", "actorRole", "ip", "userAgent", "action", "targetType"]
  .concat(["targetId", "targetName", "connectionId", "details"])
  .map((c) => `"${c}"`);

/**
 * `canonicalContent` in SQL: a JSON array with JSON.stringify's spacing, escapes and ISO dates, so
 * Verify reads one string per event instead of thirteen values. Where the database renders an
 * event differently (an unusual character, a date stored another way), its hash does not match
 * and Verify checks that event again the exact way, from its columns.
 */
const CANONICAL_CONTENT_SQL = {
  sqlite: `json_array("seq", strftime('%Y-%m-%dT%H:%M:%fZ', "createdAt"), ${CHAINED_TEXT_COLUMNS.join(", ")})`,
  postgresql: `'[' || "seq" || ',' || to_json(to_char("createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text || ${CHAINED_TEXT_COLUMNS.map(
    (c) => `',' || COALESCE(to_json(${c})::text, 'null')`,
  ).join(" || ")} || ']'`,
};

/** One batch of the chain in seq order, after a seq, for Verify. */
export function readSignedAuditRows(after: number, limit: number): Promise<SignedAuditRow[]> {
  const canonical = CANONICAL_CONTENT_SQL[currentDatabaseKind()];
  return runRawQuery<SignedAuditRow>({
    strings: [
      `SELECT "seq", ${canonical} AS "canonical", "prevHash", "hash" FROM "AuditEvent" WHERE "seq" > `,
      ` ORDER BY "seq" LIMIT `,
      "",
    ],
    values: [after, limit],
  });
}
