/**
 * Row counts and on-disk sizes of the console's tables, with their indexes (#26: `npm run db -- stats`
 * and the scale benchmark's size after a simulated year). Counts are exact (COUNT(*)), so this is an
 * operator's report, not something a page polls.
 */
import { currentDatabaseKind } from "@/lib/config/database-url";
import { prisma, type Db } from "@/lib/db/prisma";

export type TableStat = { table: string; rows: number; bytes: number };
export type DatabaseStats = { tables: TableStat[]; databaseBytes: number };

async function sqliteSizes(db: Db): Promise<{ sizes: Map<string, number>; total: number }> {
  // dbstat lists every b-tree (tables and indexes); sqlite_schema says which table an index serves.
  const rows = await db.$queryRawUnsafe<{ table: string; bytes: number | bigint }[]>(
    `SELECT s."tbl_name" AS "table", SUM(d."pgsize") AS "bytes" FROM "dbstat" d
     JOIN "sqlite_schema" s ON s."name" = d."name" GROUP BY s."tbl_name"`,
  );
  const [page] = await db.$queryRawUnsafe<{ bytes: number | bigint }[]>(
    `SELECT page_count * page_size AS "bytes" FROM pragma_page_count(), pragma_page_size()`,
  );
  return { sizes: new Map(rows.map((r) => [r.table, Number(r.bytes)])), total: Number(page?.bytes ?? 0) };
}

async function postgresSizes(db: Db): Promise<{ sizes: Map<string, number>; total: number }> {
  const rows = await db.$queryRawUnsafe<{ table: string; bytes: number | bigint }[]>(
    `SELECT tablename::text AS "table", pg_total_relation_size(format('%I.%I', schemaname, tablename))::bigint AS "bytes"
     FROM pg_tables WHERE schemaname = current_schema()`,
  );
  const [database] = await db.$queryRawUnsafe<{ bytes: number | bigint }[]>(
    `SELECT pg_database_size(current_database())::bigint AS "bytes"`,
  );
  return { sizes: new Map(rows.map((r) => [r.table, Number(r.bytes)])), total: Number(database?.bytes ?? 0) };
}

export async function readDatabaseStats(db: Db = prisma): Promise<DatabaseStats> {
  const { sizes, total } = currentDatabaseKind() === "postgresql" ? await postgresSizes(db) : await sqliteSizes(db);
  const tables: TableStat[] = [];
  for (const table of [...sizes.keys()].filter((t) => !t.startsWith("_prisma") && !t.startsWith("sqlite_")).sort()) {
    // The name comes from the database's own catalogue, quoted as an identifier.
    const [count] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(
      `SELECT COUNT(*) AS "n" FROM "${table.replaceAll('"', '""')}"`,
    );
    tables.push({ table, rows: Number(count?.n ?? 0), bytes: sizes.get(table) ?? 0 });
  }
  return { tables, databaseBytes: total };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
