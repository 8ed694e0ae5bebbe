/**
 * Plain SQL for the hot write paths, where the Prisma query engine's cost per model query (a few
 * milliseconds of WebAssembly each) outweighs the work itself: recording a test run, appending to
 * the audit chain. Statements are tagged templates, so values are always bound parameters; the
 * placeholders follow the database (`?` on SQLite, `$1` on PostgreSQL). Quoted identifiers
 * ("Table"."column") work on both.
 *
 * Two runners: `prismaSqlRunner` inside a Prisma transaction (raw queries skip the query planner),
 * and `runRawTransaction`, a transaction straight on the driver adapter Prisma itself uses (the
 * same SQLite handle and lock, BEGIN IMMEDIATE and busy retries, or the same PostgreSQL pool),
 * without the engine at all. Values are converted by that adapter exactly as for Prisma's own
 * queries, so dates are stored in the same format.
 */
import {
  ColumnTypeEnum,
  type ArgType,
  type ColumnType,
  type SqlDriverAdapter,
  type SqlQuery,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import { currentDatabaseKind } from "@/lib/config/database-url";
import { sharedDriverAdapter, type Db, type Tx } from "@/lib/db/prisma";
import { runReportingOutcome } from "@/lib/db/transaction-outcome";
import type { SqlStatement, SqlValue } from "@/lib/db/sql-statement";
import { keepPrepared } from "@/lib/db/postgres-prepared-statements";
import { querySqliteRowsWithBlobs } from "@/lib/db/sqlite-adapter";

export type SqlRow = Record<string, unknown>;

export type SqlRunner = {
  query<T extends SqlRow = SqlRow>(statement: SqlStatement): Promise<T[]>;
  execute(statement: SqlStatement): Promise<number>;
};

export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): SqlStatement {
  return { strings, values };
}

type Placeholders = "question-mark" | "numbered";

function textOf(statement: SqlStatement, placeholders: Placeholders): string {
  let text = statement.strings[0]!;
  for (let i = 1; i < statement.strings.length; i++) {
    text += (placeholders === "numbered" ? `$${i}` : "?") + statement.strings[i]!;
  }
  return text;
}

/** Plain SQL inside a Prisma transaction (or on the client itself). */
export function prismaSqlRunner(db: Db | Tx): SqlRunner {
  const placeholders: Placeholders = currentDatabaseKind() === "postgresql" ? "numbered" : "question-mark";
  return {
    query: <T extends SqlRow>(statement: SqlStatement) =>
      db.$queryRawUnsafe<T[]>(textOf(statement, placeholders), ...statement.values),
    execute: (statement) => db.$executeRawUnsafe(textOf(statement, placeholders), ...statement.values),
  };
}

/** The runner for a Prisma client or transaction, or the runner itself. */
export function sqlRunnerFor(db: Db | Tx | SqlRunner): SqlRunner {
  return typeof (db as Tx).$executeRawUnsafe === "function" ? prismaSqlRunner(db as Tx) : (db as SqlRunner);
}

/** What an UPDATE of one row by its id must have changed: Prisma's `update` fails the same way. */
export function expectOneRow(changed: number, what: string): void {
  if (changed !== 1) throw new Error(`${what} to update does not exist.`);
}

function argTypeOf(value: SqlValue): ArgType {
  if (value instanceof Date) return { scalarType: "datetime", arity: "scalar" };
  if (typeof value === "number") return { scalarType: Number.isInteger(value) ? "int" : "float", arity: "scalar" };
  if (typeof value === "boolean") return { scalarType: "boolean", arity: "scalar" };
  return { scalarType: "string", arity: "scalar" };
}

function adapterQuery(statement: SqlStatement, placeholders: Placeholders): SqlQuery {
  return {
    sql: textOf(statement, placeholders),
    args: [...statement.values],
    argTypes: statement.values.map(argTypeOf),
  };
}

// The adapters return what the database stores: SQLite booleans as 0/1, integers as decimal text
// and dates as text, PostgreSQL dates as ISO text. Converted here as Prisma converts them for its
// own queries (the schema has Int columns only, no BigInt).
function valueOf(value: unknown, type: ColumnType | undefined): unknown {
  if (value === null) return null;
  if (type === ColumnTypeEnum.Int32) return Number(value);
  if (type === ColumnTypeEnum.Boolean) return value === true || value === 1 || value === "1" || value === "true";
  if (type === ColumnTypeEnum.DateTime) return dateOf(value);
  return value;
}

function rowsOf<T extends SqlRow>(result: SqlResultSet): T[] {
  const { columnNames, columnTypes } = result;
  return result.rows.map((row) => {
    const out: SqlRow = {};
    for (let i = 0; i < columnNames.length; i++) out[columnNames[i]!] = valueOf(row[i], columnTypes[i]);
    return out as T;
  });
}

type Queryable = Pick<SqlDriverAdapter, "queryRaw" | "executeRaw">;

function adapterRunner(queryable: Queryable, placeholders: Placeholders): SqlRunner {
  return {
    query: async <T extends SqlRow>(statement: SqlStatement) =>
      rowsOf<T>(await queryable.queryRaw(adapterQuery(statement, placeholders))),
    execute: (statement) => queryable.executeRaw(adapterQuery(statement, placeholders)),
  };
}

function placeholdersOf(adapter: SqlDriverAdapter): Placeholders {
  return adapter.provider === "postgres" ? "numbered" : "question-mark";
}

/**
 * One statement outside any transaction, straight on the shared driver adapter. `prepared`: a hot
 * statement whose text never changes, kept prepared on PostgreSQL (lib/db/postgres-prepared-statements.ts);
 * SQLite keeps every statement prepared already (lib/db/sqlite-statement-cache.ts).
 */
export async function runRawQuery<T extends SqlRow = SqlRow>(
  statement: SqlStatement,
  options: { prepared?: boolean } = {},
): Promise<T[]> {
  const adapter = await sharedDriverAdapter();
  const placeholders = placeholdersOf(adapter);
  if (options.prepared && placeholders === "numbered") keepPrepared(textOf(statement, placeholders));
  return adapterRunner(adapter, placeholders).query<T>(statement);
}

/**
 * One statement's rows as the adapter returns them: values in column order, not converted (SQLite
 * dates as stored text). For a reader that formats every value as text anyway, such as the export.
 */
export async function runRawQueryValues(statement: SqlStatement): Promise<unknown[][]> {
  const adapter = await sharedDriverAdapter();
  return (await adapter.queryRaw(adapterQuery(statement, placeholdersOf(adapter)))).rows;
}

/**
 * SQLite only: one reading statement's rows, values in column order, BLOBs as Buffers and
 * integers as BigInts (the upstream adapter's safe integers). A reader of many bytes takes them
 * without turning them into JavaScript strings (lib/audit/read-audit-events.ts).
 */
export async function runSqliteQueryWithBlobs(
  statement: SqlStatement & { values: readonly (string | number)[] },
): Promise<unknown[][]> {
  return querySqliteRowsWithBlobs(await sharedDriverAdapter(), textOf(statement, "question-mark"), statement.values);
}

const bare = (text: string): SqlQuery => ({ sql: text, args: [], argTypes: [] });

/**
 * Runs `body` in one transaction on the shared driver adapter: committed when it returns, rolled
 * back when it throws. Never call it inside a Prisma transaction: on SQLite both wait for the one lock.
 */
export function runRawTransaction<T>(body: (runner: SqlRunner) => Promise<T>): Promise<T> {
  return runReportingOutcome(() => runAdapterTransaction(body));
}

async function runAdapterTransaction<T>(body: (runner: SqlRunner) => Promise<T>): Promise<T> {
  const adapter = await sharedDriverAdapter();
  const tx = await adapter.startTransaction();
  // Adapters that want COMMIT/ROLLBACK sent as statements say so; ours for SQLite sends them itself.
  const explicit = !tx.options.usePhantomQuery;
  let result: T;
  try {
    result = await body(adapterRunner(tx, placeholdersOf(adapter)));
    if (explicit) await tx.executeRaw(bare("COMMIT"));
  } catch (error) {
    try {
      if (explicit) await tx.executeRaw(bare("ROLLBACK"));
    } finally {
      await tx.rollback();
    }
    throw error;
  }
  await tx.commit();
  return result;
}

/** A value read back by plain SQL as a Date: SQLite returns stored text, PostgreSQL an ISO string. */
export function dateOf(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}
