/**
 * The embedded SQLite database, safe for one console process, CLI tools and backups sharing the
 * file. Wraps @prisma/adapter-better-sqlite3 6.19.3, which keeps its value conversions but:
 * - serializes only transactions: a statement outside a transaction runs on the one handle even
 *   while another request's transaction is open there, and is lost when that one rolls back;
 * - starts transactions with a deferred BEGIN: a transaction that reads first cannot upgrade to
 *   the write lock while another process holds it, and fails at once with SQLITE_BUSY;
 * - releases its transaction lock only after a successful COMMIT: a COMMIT that fails leaves the
 *   handle inside the transaction and every later transaction waiting forever.
 * Here every statement and transaction takes one in-process lock in turn, write transactions
 * start with BEGIN IMMEDIATE, SQLITE_BUSY is retried with backoff (never a busy wait that would
 * block the event loop) and then reported as DatabaseBusyError, and a failed COMMIT is rolled
 * back. See https://www.sqlite.org/lang_transaction.html and https://www.sqlite.org/wal.html.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import {
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
  type TransactionOptions,
} from "@prisma/driver-adapter-utils";
import { DatabaseBusyError } from "@/lib/db/database-busy";
import { SerialLock } from "@/lib/db/serial-lock";
import { betterSqliteHandleOf, cacheStatements, queryCachedRows } from "@/lib/db/sqlite-statement-cache";

export type BusyRetry = {
  /** Give up (DatabaseBusyError) once the next attempt would start later than this after the first. */
  budgetMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
};

// Generous: a CLI process or backup on a loaded machine may hold the write lock for seconds, and a
// user would rather wait than retry by hand. Still bounded, so a stuck lock ends in a clear message.
// Tries at most 20 ms apart: a writer notices a freed lock within that, where with 100 ms an append
// behind a 50 ms prune batch waited 106-178 ms (#26, npm run bench:audit at 10M events).
export const DEFAULT_BUSY_RETRY: BusyRetry = { budgetMs: 15_000, firstDelayMs: 2, maxDelayMs: 20 };

const ADAPTER_NAME = "handshake-sqlite";

function statement(sql: string): SqlQuery {
  return { sql, args: [], argTypes: [] };
}

/** SQLITE_BUSY and its extended codes, as raised by better-sqlite3 or mapped by the upstream adapter. */
function isSqliteBusy(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && code.startsWith("SQLITE_BUSY")) return true;
  const cause = (error as { cause?: { originalCode?: unknown } }).cause;
  return typeof cause?.originalCode === "string" && cause.originalCode.startsWith("SQLITE_BUSY");
}

function isNoTransactionActive(error: unknown): boolean {
  const message = String(
    (error as { cause?: { originalMessage?: unknown } })?.cause?.originalMessage ?? (error as Error)?.message ?? "",
  );
  return message.includes("no transaction is active");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until it does not fail with SQLITE_BUSY, waiting between tries; bounded by `retry.budgetMs`. */
async function retryWhileBusy<T>(retry: BusyRetry, what: string, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + retry.budgetMs;
  let delay = retry.firstDelayMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isSqliteBusy(error)) throw error;
      if (Date.now() + delay > deadline) throw new DatabaseBusyError(what);
    }
    // Jitter keeps several waiting processes from retrying in lockstep.
    await sleep(delay * (0.5 + Math.random() / 2));
    delay = Math.min(delay * 2, retry.maxDelayMs);
  }
}

class SqliteTransaction implements Transaction {
  readonly provider = "sqlite" as const;
  readonly adapterName = ADAPTER_NAME;
  // Prisma calls commit()/rollback() itself instead of sending COMMIT/ROLLBACK as queries, so
  // the statements and the lock release happen in one place that also handles their failure.
  readonly options: TransactionOptions = { usePhantomQuery: true };
  #release: (() => void) | undefined;

  constructor(
    private readonly handle: SqlDriverAdapter,
    private readonly retry: BusyRetry,
    release: () => void,
  ) {
    this.#release = release;
  }

  #open(): SqlDriverAdapter {
    // A late statement of a finished transaction must not run outside the lock.
    if (!this.#release) throw new Error("The transaction is already closed.");
    return this.handle;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#open().queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.#open().executeRaw(query);
  }

  async commit(): Promise<void> {
    const handle = this.#open();
    try {
      // In WAL mode a COMMIT after BEGIN IMMEDIATE does not wait for readers; in rollback-journal
      // mode (a copied database, a backup tool holding a read lock) it may be busy for a while.
      await retryWhileBusy(this.retry, "commit", () => handle.executeRaw(statement("COMMIT")));
    } catch (error) {
      // SQLite keeps the transaction open after a failed COMMIT; end it so the handle is usable.
      await this.#rollbackStatement();
      throw error;
    } finally {
      this.#close();
    }
  }

  async rollback(): Promise<void> {
    if (!this.#release) return;
    try {
      await this.#rollbackStatement();
    } finally {
      this.#close();
    }
  }

  async #rollbackStatement(): Promise<void> {
    try {
      await retryWhileBusy(this.retry, "rollback", () => this.handle.executeRaw(statement("ROLLBACK")));
    } catch (error) {
      // SQLite already rolled back by itself after some errors (SQLITE_FULL, SQLITE_IOERR, ...).
      if (!isNoTransactionActive(error)) throw error;
    }
  }

  #close(): void {
    this.#release?.();
    this.#release = undefined;
  }
}

class SqliteAdapter implements SqlDriverAdapter {
  readonly provider = "sqlite" as const;
  readonly adapterName = ADAPTER_NAME;
  readonly #lock = new SerialLock();

  constructor(
    private readonly handle: SqlDriverAdapter,
    private readonly retry: BusyRetry,
  ) {}

  /** One statement outside a transaction: waits its turn, and between busy retries lets others go first. */
  #serialized<T>(what: string, run: () => Promise<T>): Promise<T> {
    return retryWhileBusy(this.retry, what, () => this.#lock.runExclusive(run));
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#serialized("query", () => this.handle.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.#serialized("statement", () => this.handle.executeRaw(query));
  }

  /** A reading statement's rows, BLOBs as Buffers (queryCachedRows), in its turn like any other. */
  queryRowsWithBlobs(sql: string, values: readonly (string | number)[]): Promise<unknown[][]> {
    return this.#serialized("query", async () => queryCachedRows(betterSqliteHandleOf(this.handle), sql, values));
  }

  executeScript(script: string): Promise<void> {
    return this.#serialized("script", () => this.handle.executeScript(script));
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    // SQLite transactions are always serializable.
    if (isolationLevel && isolationLevel !== "SERIALIZABLE")
      throw new DriverAdapterError({ kind: "InvalidIsolationLevel", level: isolationLevel });
    return retryWhileBusy(this.retry, "begin transaction", async () => {
      const release = await this.#lock.acquire();
      try {
        // IMMEDIATE takes the write lock now: a transaction that reads and then writes can never
        // fail halfway on a lock upgrade, and SQLITE_BUSY here means nothing has happened yet.
        await this.handle.executeRaw(statement("BEGIN IMMEDIATE"));
      } catch (error) {
        release();
        throw error;
      }
      return new SqliteTransaction(this.handle, this.retry, release);
    });
  }

  dispose(): Promise<void> {
    return this.handle.dispose();
  }
}

/** The rows of a reading statement with BLOBs as Buffers, on the adapter SqliteAdapterFactory connects. */
export function querySqliteRowsWithBlobs(
  adapter: SqlDriverAdapter,
  sql: string,
  values: readonly (string | number)[],
): Promise<unknown[][]> {
  // Not `instanceof`: Next's bundles each hold a copy of this module, and the process's one adapter
  // (lib/db/prisma.ts) is an instance of whichever copy made it.
  const reader = adapter as Partial<Pick<SqliteAdapter, "queryRowsWithBlobs">>;
  if (typeof reader.queryRowsWithBlobs !== "function")
    throw new Error("Rows with BLOBs are read from the SQLite adapter only.");
  return reader.queryRowsWithBlobs(sql, values);
}

/** Prisma driver adapter factory for a `file:` URL. */
export class SqliteAdapterFactory implements SqlDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName = ADAPTER_NAME;

  constructor(
    private readonly url: string,
    private readonly retry: BusyRetry = DEFAULT_BUSY_RETRY,
  ) {}

  async connect(): Promise<SqlDriverAdapter> {
    // timeout 0: no busy handler, whose wait would block the event loop; retries happen here instead.
    const handle = await new PrismaBetterSQLite3({ url: this.url, timeout: 0 }).connect();
    cacheStatements(betterSqliteHandleOf(handle));
    const adapter = new SqliteAdapter(handle, this.retry);
    // WAL: readers never wait for the writer, so the CLI, exports and a backup work beside the
    // console; synchronous=NORMAL syncs at checkpoints instead of at every commit and stays
    // consistent after a crash (a power loss can undo only the last commits).
    // https://www.sqlite.org/pragma.html#pragma_synchronous
    await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    return adapter;
  }
}
