import { PrismaClient } from "@/lib/db/generated/client";
import { getConfig } from "@/lib/config/env";
import { SqliteAdapterFactory } from "@/lib/db/sqlite-adapter";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

function createPrismaClient(): PrismaClient {
  return new PrismaClient({
    adapter: new SqliteAdapterFactory(getConfig().databaseUrl),
    // Transactions of this process queue for the database one at a time (lib/db/sqlite-adapter.ts):
    // maxWait covers that queue plus the busy retries of BEGIN, so a burst of writers waits its turn.
    transactionOptions: { maxWait: 30_000, timeout: 30_000 },
  });
}

// One client per process, in production too: the route-handler and page bundles each hold their
// own copy of this module (and dev hot reload makes more), and the one handle's lock must be
// shared by every statement of the process.
const globalForPrisma = globalThis as unknown as { handshakePrisma?: PrismaClient };

function getPrismaClient(): PrismaClient {
  return (globalForPrisma.handshakePrisma ??= createPrismaClient());
}

/**
 * The process's client, created on first use rather than at import: lib modules import it
 * statically, and integration tests and the CLI set up the configuration (a temporary data
 * directory) before the first query.
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getPrismaClient();
    const value: unknown = Reflect.get(client, property);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
