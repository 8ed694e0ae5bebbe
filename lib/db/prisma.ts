import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "@/lib/db/generated/client";
import { getConfig } from "@/lib/config/env";
import { databaseKindOf } from "@/lib/config/database-url";
import { createPostgresAdapterFactory, createPostgresClient } from "@/lib/db/postgres-client";
import { SharedAdapterFactory } from "@/lib/db/shared-adapter";
import { SqliteAdapterFactory } from "@/lib/db/sqlite-adapter";
import { runReportingOutcome } from "@/lib/db/transaction-outcome";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

type Database = { client: PrismaClient; adapter: SharedAdapterFactory };

function createDatabase(): Database {
  const { databaseUrl, databaseTimeouts } = getConfig();
  if (databaseKindOf(databaseUrl) === "postgresql") {
    const adapter = new SharedAdapterFactory(createPostgresAdapterFactory(databaseUrl, databaseTimeouts));
    return { client: createPostgresClient(adapter), adapter };
  }
  const adapter = new SharedAdapterFactory(new SqliteAdapterFactory(databaseUrl));
  const client = new PrismaClient({
    adapter,
    // Transactions of this process queue for the database one at a time (lib/db/sqlite-adapter.ts):
    // maxWait covers that queue plus the busy retries of BEGIN, so a burst of writers waits its turn.
    transactionOptions: { maxWait: 30_000, timeout: 30_000 },
  });
  return { client, adapter };
}

// One client per process, in production too: the route-handler and page bundles each hold their
// own copy of this module (and dev hot reload makes more), and the one handle's lock must be
// shared by every statement of the process.
const globalForPrisma = globalThis as unknown as { handshakeDatabase?: Database };

function getDatabase(): Database {
  return (globalForPrisma.handshakeDatabase ??= createDatabase());
}

/**
 * The process's client, created on first use rather than at import: lib modules import it
 * statically, and integration tests and the CLI set up the configuration (a temporary data
 * directory) before the first query.
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDatabase().client;
    if (property === "$transaction") {
      // Code inside learns whether the transaction committed (lib/db/transaction-outcome.ts).
      const transaction = client.$transaction.bind(client) as (...args: unknown[]) => Promise<unknown>;
      return (...args: unknown[]) => runReportingOutcome(() => transaction(...args));
    }
    const value: unknown = Reflect.get(client, property);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** The driver adapter under `prisma`, for plain SQL on the same handle or pool (lib/db/raw-sql.ts). */
export function sharedDriverAdapter(): Promise<SqlDriverAdapter> {
  return getDatabase().adapter.connect();
}
