/**
 * Name searches behave the same on both databases: SQLite's LIKE ignores ASCII case by itself;
 * PostgreSQL's LIKE does not, so there the filter asks Prisma for ILIKE (`mode: "insensitive"`).
 */
import type { Prisma } from "@/lib/db/generated/client";
import { currentDatabaseKind } from "@/lib/config/database-url";

export function containsIgnoringCase(text: string): Prisma.StringFilter {
  if (currentDatabaseKind() === "sqlite") return { contains: text };
  // `mode` exists only in the PostgreSQL client's types; lib code is typed against the SQLite client.
  return { contains: text, mode: "insensitive" } as Prisma.StringFilter;
}
