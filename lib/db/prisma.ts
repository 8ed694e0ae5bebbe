import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/db/generated/client";
import { getConfig } from "@/lib/config/env";
import { databaseKindOf } from "@/lib/config/database-url";
import { createPostgresClient } from "@/lib/db/postgres-client";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

function createPrismaClient(): PrismaClient {
  const { databaseUrl } = getConfig();
  if (databaseKindOf(databaseUrl) === "postgresql") return createPostgresClient(databaseUrl);
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl });
  return new PrismaClient({ adapter });
}

// One client per process, in production too: the route-handler and page bundles each hold their
// own copy of this module (and dev hot reload makes more). Two SQLite handles in one process
// deadlock: one waits for the write lock with a busy wait that blocks the event loop the other
// needs to commit, until SQLITE_BUSY ("Operation has timed out") after 5 seconds.
const globalForPrisma = globalThis as unknown as { handshakePrisma?: PrismaClient };

export const prisma: PrismaClient = (globalForPrisma.handshakePrisma ??= createPrismaClient());
