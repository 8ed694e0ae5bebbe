/**
 * Audit events in seq order, read straight from the driver adapter in keyset batches, for the two
 * walks over the whole trail: Verify and the export. At millions of events Prisma's engine cost
 * more per row than reading the row itself (lib/bench/bench-audit.ts measures both walks).
 */
import type { AuditEvent } from "@/lib/db/generated/client";
import { currentDatabaseKind, type DatabaseKind } from "@/lib/config/database-url";
import { runRawQuery, runRawQueryValues, runSqliteQueryWithBlobs } from "@/lib/db/raw-sql";
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

/** One keyset batch of `columns`: events after (ascending) or before (descending) a seq, matching the conditions. */
function rangeStatement(columns: string, range: AuditEventRange): SqlStatement {
  const clauses = clausesOf(range.conditions ?? {});
  clauses.push(range.order === "asc" ? [`"seq" > ?`, [range.after]] : [`"seq" < ?`, [range.before]]);
  return statementOf(`SELECT ${columns} FROM "AuditEvent"`, clauses, [
    ` ORDER BY "seq" ${range.order === "asc" ? "ASC" : "DESC"} LIMIT `,
    range.limit,
  ]);
}

export function readAuditEvents(range: AuditEventRange): Promise<AuditEvent[]> {
  return runRawQuery<AuditEvent>(rangeStatement(COLUMNS, range));
}

/** The text columns between the date and the details, in the order of the canonical content and the export. */
const ACTOR_AND_TARGET_COLUMNS = ["actorId", "actorEmail", "actorRole", "ip", "userAgent", "action", "targetType"]
  .concat(["targetId", "targetName", "connectionId"])
  .map((c) => `"${c}"`);

/**
 * `createdAt` as `Date.toISOString()` writes it. SQLite holds what Prisma's adapter stored,
 * `toISOString()` with `+00:00` for the `Z`: that is cut back instead of parsed, as `strftime` would
 * (about 1 µs an event, a third of reading a CSV line at 1M events); any other text still goes
 * through `strftime`.
 */
const ISO_DATE_SQL = {
  sqlite: `CASE WHEN length("createdAt") = 29 AND substr("createdAt", 24) = '+00:00' THEN substr("createdAt", 1, 23) || 'Z'
    ELSE strftime('%Y-%m-%dT%H:%M:%fZ', "createdAt") END`,
  postgresql: `to_char("createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
};

/** The CSV export's columns in order (AUDIT_CSV in lib/audit/format-audit-export.ts). */
const CSV_COLUMNS = [`"seq"`, `"createdAt"`, ...ACTOR_AND_TARGET_COLUMNS, `"details"`, `"prevHash"`, `"hash"`];

/** The CSV export's columns as SQL values: the date as ISO text. */
const csvCellColumns = () =>
  CSV_COLUMNS.map((column) => (column === `"createdAt"` ? ISO_DATE_SQL[currentDatabaseKind()] : column));

/** The CSV export's cells of the events with these seqs, as the driver returns them, in no particular order. */
export function readAuditCsvCells(seqs: readonly number[]): Promise<unknown[][]> {
  if (seqs.length === 0) return Promise.resolve([]);
  return runRawQueryValues({
    strings: [
      `SELECT ${csvCellColumns().join(", ")} FROM "AuditEvent" WHERE "seq" IN (`,
      ...seqs.slice(1).map(() => ", "),
      `)`,
    ],
    values: [...seqs],
  });
}

/** Between the cells of a row of readAuditCsvRows: the unit separator, which typed text hardly ever holds. */
export const CSV_CELL_SEPARATOR = "\u001f";

/** Columns whose text often needs quotes in CSV (commas in a browser's name or a connection's, quotes in JSON). */
const SQL_QUOTED_CSV_COLUMNS = new Set([`"userAgent"`, `"targetName"`, `"details"`]);

/** The two databases' names for the same text functions: find a substring, a character by code, join a column's values. */
const TEXT_FUNCTIONS = {
  sqlite: { find: "instr", chr: "char", joinValues: "group_concat" },
  postgresql: { find: "strpos", chr: "chr", joinValues: "string_agg" },
};

/** formatCsvCell's quoting (RFC 4180 §2) in SQL: quoted, quotes doubled, when the text holds a quote, comma, CR or LF. */
function quotedCsvCellSql(column: string): string {
  const { find, chr } = TEXT_FUNCTIONS[currentDatabaseKind()];
  const needsQuotes = [`'"'`, `','`, `${chr}(13)`, `${chr}(10)`].map((c) => `${find}(${column}, ${c}) > 0`);
  return `CASE WHEN ${needsQuotes.join(" OR ")} THEN '"' || replace(${column}, '"', '""') || '"' ELSE ${column} END`;
}

/**
 * Each event's seq and its CSV cells as one text: joined by CSV_CELL_SEPARATOR, null as empty, the
 * columns of SQL_QUOTED_CSV_COLUMNS quoted when they need it. One string a row instead of fifteen
 * values (#26): at 1M events on SQLite, turning fifteen cells into JavaScript strings cost 3.7 µs an
 * event and this line about 2.5. SQL cannot tell a formula from text (FORMULA_LIKE in
 * lib/csv/format-csv.ts), so isPlainCsvRow checks every row before it is used.
 */
export function readAuditCsvRows(range: AuditEventRange): Promise<[seq: unknown, cells: string][]> {
  const { chr } = TEXT_FUNCTIONS[currentDatabaseKind()];
  const cells = csvCellColumns().map((value) => (SQL_QUOTED_CSV_COLUMNS.has(value) ? quotedCsvCellSql(value) : value));
  return runRawQueryValues(
    rangeStatement(`"seq", concat(${cells.join(`, ${chr}(${CSV_CELL_SEPARATOR.charCodeAt(0)}), `)})`, range),
  ) as Promise<[unknown, string][]>;
}

/** A cell formatCsvCell leaves as it is: empty, or from a letter, digit or brace on, without a quote, comma, CR, LF or separator. */
const PLAIN_CELL = `(?:[0-9A-Za-z{][^",\\r\\n\\u001f]*)?`;
/** A cell quoted by SQL that formatCsvCell quotes the same way: it starts with a letter, digit or brace. */
const QUOTED_CELL = `(?:"[0-9A-Za-z{](?:[^"\\u001f]|"")*"|${PLAIN_CELL})`;
const PLAIN_CSV_ROW = new RegExp(
  `^${CSV_COLUMNS.map((column) => (SQL_QUOTED_CSV_COLUMNS.has(column) ? QUOTED_CELL : PLAIN_CELL)).join(
    CSV_CELL_SEPARATOR,
  )}$`,
);

/**
 * Whether a row of readAuditCsvRows, its separators turned into commas, is exactly the line AUDIT_CSV
 * formats: fifteen cells (so no cell holds the separator), none that could start a formula, and
 * quotes only where formatCsvCell puts them. The rare row that is not is formatted from its cells.
 */
export function isPlainCsvRow(cells: string): boolean {
  return PLAIN_CSV_ROW.test(cells);
}

/** An event as one line of the JSON Lines export, rendered by the database. */
export type AuditJsonLine = { seq: number; line: string };

/**
 * `auditEventToJsonLine` (lib/audit/format-audit-export.ts) in SQL: the same keys in the same order,
 * details as an object. One string a row instead of fifteen values doubled the export's speed on
 * SQLite at 10M events; on PostgreSQL, whose JSON output costs about as much as Node's formatting,
 * it moves the work to the server's process. PostgreSQL 15 cannot test text for JSON, so there `::json` fails the
 * batch on details that are not JSON (only a hand-edited row has them) and the export formats that
 * batch from its columns instead (lib/audit/stream-audit-export.ts).
 */
const JSON_LINE_SQL = {
  sqlite: `json_object('seq', "seq", 'createdAt', ${ISO_DATE_SQL.sqlite}, ${ACTOR_AND_TARGET_COLUMNS.map((c) => `'${c.slice(1, -1)}', ${c}`).join(", ")},
    'details', CASE WHEN NOT json_valid("details") THEN json_object('unparsable', "details")
      WHEN json_type("details") = 'object' THEN json("details") ELSE json_object('value', json("details")) END,
    'prevHash', "prevHash", 'hash', "hash")`,
  postgresql: `row_to_json((SELECT "line" FROM (SELECT "seq", ${ISO_DATE_SQL.postgresql} AS "createdAt", ${ACTOR_AND_TARGET_COLUMNS.join(", ")},
    CASE WHEN json_typeof("details"::json) = 'object' THEN "details"::json ELSE json_build_object('value', "details"::json) END AS "details",
    "prevHash", "hash") "line"))::text`,
};

export function readAuditJsonLines(range: AuditEventRange): Promise<AuditJsonLine[]> {
  return runRawQuery<AuditJsonLine>(rangeStatement(`"seq", ${JSON_LINE_SQL[currentDatabaseKind()]} AS "line"`, range));
}

/** An event as its hash signs it: the canonical content (lib/audit/chain.ts) as one string, and the link. */
export type SignedAuditRow = { seq: number; canonical: string; prevHash: string; hash: string };

const CHAINED_TEXT_COLUMNS = [...ACTOR_AND_TARGET_COLUMNS, `"details"`];

/**
 * Columns the console fills with generated ids, addresses and its own names (roles, actions, target
 * types), never with typed text: quoted without the escapes, which cost PostgreSQL about 1.2 µs an
 * event of Verify (EXPLAIN ANALYZE over 500,000 events: 4.7 µs → 3.5 µs). Should one ever hold a
 * character to escape, its event's hash does not match and Verify checks it again the exact way.
 */
const ESCAPE_FREE_COLUMNS = new Set(
  ["actorId", "actorRole", "ip", "action", "targetType", "targetId", "connectionId"].map((c) => `"${c}"`),
);

/**
 * A JSON string in PostgreSQL by `replace`, for the escapes text in the trail holds (backslash,
 * quote, LF, CR, tab): `to_json` cost 5.2 µs an event of the server's CPU, this about 3.8 µs
 * (EXPLAIN ANALYZE over 50,000 events). A rarer control character is left raw, and Verify re-checks
 * that event exactly.
 */
const postgresJsonString = (column: string) =>
  `COALESCE('"' || ${
    ESCAPE_FREE_COLUMNS.has(column)
      ? column
      : [
          ["'\\'", "'\\\\'"],
          [`'"'`, `'\\"'`],
          ["chr(10)", "'\\n'"],
          ["chr(13)", "'\\r'"],
          ["chr(9)", "'\\t'"],
        ].reduce((text, [from, to]) => `replace(${text}, ${from}, ${to})`, column)
  } || '"', 'null')`;

/**
 * `canonicalContent` in SQL: a JSON array with JSON.stringify's spacing, escapes and ISO dates, so
 * Verify reads one string per event instead of thirteen values. Where the database renders an
 * event differently (an unusual character, a date stored another way), its hash does not match
 * and Verify checks that event again the exact way, from its columns.
 */
const CANONICAL_CONTENT_SQL = {
  sqlite: `json_array("seq", ${ISO_DATE_SQL.sqlite}, ${CHAINED_TEXT_COLUMNS.join(", ")})`,
  postgresql: `'[' || "seq" || ',"' || ${ISO_DATE_SQL.postgresql} || '"' || ${CHAINED_TEXT_COLUMNS.map(
    (c) => `',' || ${postgresJsonString(c)}`,
  ).join(" || ")} || ']'`,
};

/** The chain's events with `after < seq <= through`, in seq order, for Verify. */
export function readSignedAuditRows(after: number, through: number): Promise<SignedAuditRow[]> {
  const canonical = CANONICAL_CONTENT_SQL[currentDatabaseKind()];
  return runRawQuery<SignedAuditRow>({
    strings: [
      `SELECT "seq", ${canonical} AS "canonical", "prevHash", "hash" FROM "AuditEvent" WHERE "seq" > `,
      ` AND "seq" <= `,
      ` ORDER BY "seq"`,
    ],
    values: [after, through],
  });
}

/**
 * Between events in `SignedAuditPart.signed`: the record separator, which the rendered text of an
 * event never holds unescaped but for a rare control character (then its part splits into more
 * texts than it has events, and Verify reads the batch again row by row).
 */
export const SIGNED_TEXT_SEPARATOR = "\u001e";

const SEPARATOR_BYTE = SIGNED_TEXT_SEPARATOR.charCodeAt(0);

/** The signed texts of a SignedAuditPart, as strings or as UTF-8 bytes (where no character but the separator has this byte). */
export function splitSignedTexts(signed: string | Uint8Array): (string | Uint8Array)[] {
  if (typeof signed === "string") return signed.split(SIGNED_TEXT_SEPARATOR);
  const texts: Uint8Array[] = [];
  for (let start = 0; ;) {
    const end = signed.indexOf(SEPARATOR_BYTE, start);
    texts.push(signed.subarray(start, end < 0 ? signed.length : end));
    if (end < 0) return texts;
    start = end + 1;
  }
}

/**
 * A run of consecutive events as one row: how many, the first and last seq, every hash and every
 * link (64 hex characters each) run together, and each event's signed text (lib/audit/chain.ts)
 * joined by SIGNED_TEXT_SEPARATOR, all in seq order. Verify compares whole strings, so a part
 * costs one value to receive and no object per event.
 *
 * On SQLite the signed texts come as their UTF-8 bytes, which the HMAC signs, rather than as a
 * string: a string cost decoding them to UTF-16 (all of a part's text as soon as one character is
 * outside Latin-1, such as the "…" in an API key's name), copying it as the young heap was
 * collected and when it was posted to the hashing thread, and encoding it again there. At 2
 * million events Verify took 17.5 s with strings and 6.3 s with bytes (#26).
 */
export type SignedAuditPart = {
  count: number;
  firstSeq: number;
  lastSeq: number;
  hashes: string;
  prevHashes: string;
  signed: string | Uint8Array;
};

/** A batch of Verify: the events with `after < seq <= through`, in parts in seq order. */
export type SignedAuditBatch = { count: number; parts: SignedAuditPart[] };

/**
 * Events in one part. A part's value should be served from memory the server and Node reuse: a
 * whole batch's 2.4 MB was fresh memory on both sides each time, and on these VMs a page fault costs
 * about 8 µs. Reading 500,000 events in batches of 5,000, PostgreSQL's CPU fell from 8.9 to 4.8 µs
 * an event with parts of 200, and its system time by two thirds. There a part comes as a string,
 * which takes two bytes a character once one character is outside Latin-1 (the "…" in an API
 * key's name): 200 events made 180 KB strings, each in fresh memory of V8's own. Verify over 2
 * million events took 18.3 s with parts of 200 and 12.6 s with parts of 50, the server reading a
 * batch in 21.8 and 16.3 ms. SQLite's parts come as bytes outside V8's heap, and there parts of
 * 200 took 6.3 s against 7.4 with 50.
 */
const SIGNED_PART_SIZE: Record<DatabaseKind, number> = { sqlite: 200, postgresql: 50 };

const signedPartColumnsSql = (kind: DatabaseKind) => {
  const { chr, joinValues } = TEXT_FUNCTIONS[kind];
  const signed = `${joinValues}("signed", ${chr}(30))`;
  return `count(*) AS "count", min("seq") AS "firstSeq", max("seq") AS "lastSeq",
    ${joinValues}("hash", '') AS "hashes", ${joinValues}("prevHash", '') AS "prevHashes",
    ${kind === "sqlite" ? `CAST(${signed} AS BLOB)` : signed} AS "signed"`;
};

/** Each event's seq, hash, link and signed text in seq order: three strings around the lower and the upper bound of `seq`. */
const signedEventsSql = (kind: DatabaseKind): [string, string, string] => [
  `SELECT "seq", "hash", "prevHash", "prevHash" || ${TEXT_FUNCTIONS[kind].chr}(10) || ${CANONICAL_CONTENT_SQL[kind]} AS "signed"
    FROM "AuditEvent" WHERE "seq" > `,
  ` AND "seq" <= `,
  ` ORDER BY "seq"`,
];

/**
 * The chain's events with `after < seq <= through` as one SignedAuditBatch, for Verify. The
 * aggregates take the events in the order of an ordered subquery, without an ORDER BY of their own:
 * both databases aggregate in that order in practice, though SQL does not promise it, and an ORDER
 * BY made PostgreSQL sort each aggregate's input (35 against 21 ms a batch of 5,000). Order decides
 * speed only: a part joined in another order fails Verify's whole-batch check (its links and each
 * signed seq run in chain order), and Verify then reads that range row by row.
 *
 * PostgreSQL answers all the parts in one statement, a lateral subquery each. SQLite has no lateral
 * joins, and runs in the console's own thread, where a statement per part costs little.
 */
export async function readSignedAuditBatch(after: number, through: number): Promise<SignedAuditBatch> {
  const kind = currentDatabaseKind();
  const [select, and, order] = signedEventsSql(kind);
  const columns = signedPartColumnsSql(kind);
  const rows: Record<keyof SignedAuditPart, unknown>[] = [];
  if (kind === "postgresql") {
    rows.push(
      ...(await runRawQuery<Record<keyof SignedAuditPart, unknown>>(
        {
          strings: [
            `SELECT "part".* FROM generate_series(`,
            `::int, `,
            `::int - 1, ${SIGNED_PART_SIZE.postgresql}) AS "start" CROSS JOIN LATERAL (SELECT ${columns}
            FROM (${select}"start"${and}LEAST("start" + ${SIGNED_PART_SIZE.postgresql}, `,
            `::int)${order}) AS "events") AS "part"`,
          ],
          values: [after, through, through],
        },
        { prepared: true },
      )),
    );
  } else {
    for (let start = after; start < through; start += SIGNED_PART_SIZE.sqlite) {
      const end = Math.min(start + SIGNED_PART_SIZE.sqlite, through);
      const found = await runSqliteQueryWithBlobs({
        strings: [`SELECT ${columns} FROM (${select}`, and, `${order}) AS "events"`],
        values: [start, end],
      });
      rows.push(
        ...found.map(([count, firstSeq, lastSeq, hashes, prevHashes, signed]) => {
          return { count, firstSeq, lastSeq, hashes, prevHashes, signed };
        }),
      );
    }
  }
  // Aggregates answer with the database's integer types: text for a 64-bit count on PostgreSQL.
  const parts = rows
    .filter((row) => Number(row.count) > 0)
    .map((row) => ({
      count: Number(row.count),
      firstSeq: Number(row.firstSeq),
      lastSeq: Number(row.lastSeq),
      hashes: String(row.hashes),
      prevHashes: String(row.prevHashes),
      signed: row.signed instanceof Uint8Array ? row.signed : String(row.signed),
    }))
    .sort((a, b) => a.firstSeq - b.firstSeq);
  return { count: parts.reduce((sum, part) => sum + part.count, 0), parts };
}

/** The seq of the first event after a seq, if any. */
export async function findNextAuditSeq(after: number): Promise<number | null> {
  const [next] = await runRawQuery<{ seq: number }>({
    strings: [`SELECT "seq" FROM "AuditEvent" WHERE "seq" > `, ` ORDER BY "seq" LIMIT 1`],
    values: [after],
  });
  return next?.seq ?? null;
}
