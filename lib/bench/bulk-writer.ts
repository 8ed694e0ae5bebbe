/**
 * Bulk writes straight to a benchmark's database, outside the app: one better-sqlite3 transaction
 * of prepared statements on SQLite, multi-row INSERTs in one transaction on PostgreSQL.
 */
import Database from "better-sqlite3";
import { Client } from "pg";

export type Value = string | number | boolean | Date | null;

/** Rows of one table, written in order; `flush` ends the bulk write. */
export type BulkWriter = {
  insert(table: string, columns: string[], rows: Value[][]): Promise<void>;
  flush(): Promise<void>;
};

/** The text form Prisma's SQLite adapter stores DateTime columns in. */
const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

export function sqliteWriter(file: string): BulkWriter {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.exec("BEGIN");
  const statements = new Map<string, Database.Statement>();
  return {
    insert: async (table, columns, rows) => {
      const key = `${table}:${columns.join(",")}`;
      let statement = statements.get(key);
      if (!statement) {
        statement = db.prepare(
          `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
        );
        statements.set(key, statement);
      }
      for (const row of rows)
        statement.run(row.map((v) => (v instanceof Date ? sqliteDate(v) : typeof v === "boolean" ? Number(v) : v)));
    },
    flush: async () => {
      db.exec("COMMIT");
      // The statistics the console's hourly housekeeping keeps (lib/db/query-statistics.ts).
      db.pragma("optimize=0x10002");
      // The checkpoint syncs the file, as the app's setting does. Without, the first sync after the
      // seed (likely an append's automatic checkpoint) wrote what the seed left unsynced: the
      // writer alone waited up to 1.5-1.6 s after seeding 10M events, 140 ms after 200,000; with
      // it, 18 ms after 200,000 (npm run bench:audit-prune's control).
      db.pragma("synchronous = NORMAL");
      db.pragma("wal_checkpoint(TRUNCATE)");
      db.close();
    },
  };
}

export async function postgresWriter(url: string): Promise<BulkWriter> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query("BEGIN");
  return {
    insert: async (table, columns, rows) => {
      // PostgreSQL takes at most 65535 parameters per statement.
      const perStatement = Math.floor(60_000 / columns.length);
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        const values = chunk.flatMap((row) => row.map((v) => (v instanceof Date ? v.toISOString() : v)));
        const tuples = chunk.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(", ")})`);
        await client.query(
          `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`,
          values,
        );
      }
    },
    flush: async () => {
      await client.query("COMMIT");
      // What autovacuum leaves a bulk load in (PostgreSQL 13+ vacuums after inserts): statistics,
      // and a visibility map, without which no index-only scan skips the table.
      await client.query("VACUUM ANALYZE");
      await client.end();
    },
  };
}
