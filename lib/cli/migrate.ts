/**
 * Applies pending migrations to the database DATABASE_URL names: Prisma's migrate deploy on SQLite,
 * lib/db/migrate-postgres.ts on PostgreSQL. Usage: tsx lib/cli/migrate.ts (npm run db:deploy).
 * Problems come back as one line for the operator; the caller decides how to exit.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseKindOf, resolveDatabaseUrl } from "@/lib/config/database-url";
import { runPrisma } from "@/lib/cli/prisma";
import { MigrationFailedError, migratePostgres } from "@/lib/db/migrate-postgres";
import { checkPostgresUrl, describePostgresConnectionError } from "@/lib/db/postgres-connection-error";
import { SQLITE_MIGRATIONS } from "@/lib/db/postgres-schema";
import type { PostgresTimeouts } from "@/lib/config/env";
import { ConfigError, loadDatabaseTimeouts } from "@/lib/config/env";

export type MigrateOutcome = { ok: true; applied: string[] } | { ok: false; message: string };

export async function migrateDatabase(
  url = resolveDatabaseUrl(process.env),
  timeouts?: PostgresTimeouts,
): Promise<MigrateOutcome> {
  if (databaseKindOf(url) === "sqlite") {
    if (sqliteIsUpToDate(url)) return { ok: true, applied: [] };
    return runPrisma(["migrate", "deploy"]) === 0
      ? { ok: true, applied: [] }
      : { ok: false, message: "database migration failed; see the messages above" };
  }
  const problem = checkPostgresUrl(url);
  if (problem) return { ok: false, message: problem };
  try {
    return { ok: true, applied: await migratePostgres(url, { timeouts: timeouts ?? loadDatabaseTimeouts() }) };
  } catch (error) {
    if (error instanceof MigrationFailedError || error instanceof ConfigError)
      return { ok: false, message: `database migration failed: ${error.message}` };
    return { ok: false, message: describePostgresConnectionError(url, error) };
  }
}

/**
 * A read-only look at Prisma's migration table. Prisma's migrate deploy opens a deferred write
 * transaction, which SQLite refuses at once (SQLITE_BUSY_SNAPSHOT) when a running console writes in
 * between; a console starting beside a live one on an up-to-date file has nothing to apply, so it
 * never needs that transaction. WAL readers never wait for the writer.
 */
function sqliteIsUpToDate(url: string): boolean {
  const file = url.slice("file:".length);
  if (!fs.existsSync(file)) return false;
  const wanted = fs
    .readdirSync(SQLITE_MIGRATIONS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
      .all() as { migration_name: string }[];
    const applied = new Set(rows.map((row) => row.migration_name));
    return wanted.every((name) => applied.has(name));
  } catch {
    return false;
  } finally {
    db.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  void migrateDatabase().then((outcome) => {
    if (!outcome.ok) {
      console.error(`[handshake] ${outcome.message}`);
      process.exit(1);
    }
    for (const name of outcome.applied) console.info(`[handshake] applied migration ${name}`);
  });
}
