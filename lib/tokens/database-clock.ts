/**
 * The database's clock as SQL, for leases several replicas compare: each replica's own clock may
 * be off by seconds or minutes, the database has one clock for all of them. The expressions have
 * the form Prisma stores DateTime columns in (SQLite: ISO 8601 text ending in +00:00 with
 * milliseconds; PostgreSQL: timestamp(3) without time zone, in UTC), so they compare with stored
 * columns directly. For tagged $queryRaw / $executeRaw: values stay bound parameters.
 */
import { Prisma } from "@/lib/db/generated/client";
import { currentDatabaseKind } from "@/lib/config/database-url";

/** The database's current time plus `ms` milliseconds. */
export function databaseNowPlus(ms: number): Prisma.Sql {
  if (currentDatabaseKind() === "postgresql") {
    // clock_timestamp(), not now(): now() stays at the start of an open transaction.
    return Prisma.sql`((clock_timestamp() AT TIME ZONE 'UTC') + CAST(${ms} AS integer) * INTERVAL '1 millisecond')`;
  }
  return Prisma.sql`strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', ${`${ms / 1000} seconds`})`;
}

/** The database's current time. */
export function databaseNow(): Prisma.Sql {
  return databaseNowPlus(0);
}
