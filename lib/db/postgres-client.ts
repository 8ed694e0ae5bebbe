/**
 * The Prisma client for PostgreSQL (DATABASE_URL=postgres://… or postgresql://…), through the
 * pg driver adapter and the client generated from prisma/postgres/schema.prisma.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresPrismaClient } from "@/lib/db/generated-postgres/client";
import type { PrismaClient } from "@/lib/db/generated/client";

// A database that cannot be reached answers within seconds (health check 503, error page) instead of hanging.
export function createPostgresClient(connectionString: string): PrismaClient {
  const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString, connectionTimeoutMillis: 5_000 }) });
  // Both clients are generated from the same models (prisma/postgres/schema.prisma differs only in
  // provider and output), so their model APIs are the same; lib code is typed against one of them.
  return client as unknown as PrismaClient;
}
