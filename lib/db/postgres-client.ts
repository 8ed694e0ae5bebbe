/**
 * The Prisma client for PostgreSQL (DATABASE_URL=postgres://… or postgresql://…), through the
 * pg driver adapter and the client generated from prisma/postgres/schema.prisma.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient as PostgresPrismaClient } from "@/lib/db/generated-postgres/client";
import type { PrismaClient } from "@/lib/db/generated/client";
import type { PostgresTimeouts } from "@/lib/config/env";
import { postgresSessionConfig } from "@/lib/db/postgres-session";
import { PreparingClient } from "@/lib/db/postgres-prepared-statements";

// A refused or unknown host fails at once; a host that does not answer gives up after 15 s (health
// check 503, error page) instead of hanging. Not less: a burst on a busy machine (200 token requests
// opening the pool's connections together) measured more than 5 s to open a new backend.
const CONNECT_TIMEOUT_MS = 15_000;

export function createPostgresAdapterFactory(
  connectionString: string,
  timeouts: PostgresTimeouts,
): SqlDriverAdapterFactory {
  return new PrismaPg({
    ...postgresSessionConfig(connectionString, timeouts),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    Client: PreparingClient,
  });
}

export function createPostgresClient(adapter: SqlDriverAdapterFactory): PrismaClient {
  const client = new PostgresPrismaClient({ adapter });
  // Both clients are generated from the same models (prisma/postgres/schema.prisma differs only in
  // provider and output), so their model APIs are the same; lib code is typed against one of them.
  return client as unknown as PrismaClient;
}
