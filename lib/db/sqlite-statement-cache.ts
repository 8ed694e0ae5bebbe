/**
 * Prepared statements kept per SQL text on the one SQLite handle. The upstream adapter
 * (@prisma/adapter-better-sqlite3 6.19.3) prepares every statement anew and binds it once
 * (better-sqlite3 allows one bind per statement), and preparing cost more than running on the
 * write that ends each connection test. Here `prepare` returns a cached statement behind a facade
 * whose `bind` passes the values at run time instead, which better-sqlite3 supports for any call.
 * SQLite re-prepares a cached statement by itself after a schema change (sqlite3_prepare_v2).
 */
import type { Database, Statement } from "better-sqlite3";

// The console issues a few dozen distinct statements; the bound only matters for odd callers.
const MAX_CACHED_STATEMENTS = 500;

type BoundStatement = {
  readonly reader: boolean;
  run(): unknown;
  columns(): ReturnType<Statement["columns"]>;
  raw(): { all(): unknown[] };
};

type CachedStatement = {
  readonly reader: boolean;
  run(...values: unknown[]): unknown;
  bind(values: unknown[]): BoundStatement;
};

/** Makes `database.prepare` return cached statements, in the shape the upstream adapter uses them. */
export function cacheStatements(database: Database): void {
  const prepare = database.prepare.bind(database);
  const cache = new Map<string, Statement>();
  const preparedFor = (sql: string): Statement => {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= MAX_CACHED_STATEMENTS) cache.delete(cache.keys().next().value!);
      statement = prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  const cached = (sql: string): CachedStatement => {
    const statement = preparedFor(sql);
    return {
      reader: statement.reader,
      run: (...values) => statement.run(...values),
      bind: (values) => ({
        reader: statement.reader,
        run: () => statement.run(values),
        columns: () => statement.columns(),
        raw: () => ({ all: () => statement.raw(true).all(values) }),
      }),
    };
  };
  (database as unknown as { prepare: (sql: string) => CachedStatement }).prepare = cached;
}

/**
 * One reading statement's rows as better-sqlite3 returns them, from the cache, BLOBs as Buffers:
 * the upstream adapter turns a BLOB into an array with a number for each byte.
 */
export function queryCachedRows(database: Database, sql: string, values: readonly (string | number)[]): unknown[][] {
  const prepare = database.prepare as unknown as (sql: string) => CachedStatement;
  return prepare(sql)
    .bind([...values])
    .raw()
    .all() as unknown[][];
}

/** The better-sqlite3 handle under the upstream adapter (a field its types do not show). */
export function betterSqliteHandleOf(adapter: unknown): Database {
  const client = (adapter as { client?: Database }).client;
  if (!client || typeof client.prepare !== "function")
    throw new Error("The SQLite driver adapter has no better-sqlite3 handle.");
  return client;
}
