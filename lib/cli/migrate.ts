/**
 * Applies pending migrations to the database DATABASE_URL names: Prisma's migrate deploy on SQLite,
 * lib/db/migrate-postgres.ts on PostgreSQL. Usage: tsx lib/cli/migrate.ts (npm run db:deploy).
 * Problems come back as one line for the operator; the caller decides how to exit.
 */
import path from "node:path";
import { databaseKindOf, resolveDatabaseUrl } from "@/lib/config/database-url";
import { runPrisma } from "@/lib/cli/prisma";
import { MigrationFailedError, migratePostgres } from "@/lib/db/migrate-postgres";
import { checkPostgresUrl, describePostgresConnectionError } from "@/lib/db/postgres-connection-error";

export type MigrateOutcome = { ok: true; applied: string[] } | { ok: false; message: string };

export async function migrateDatabase(url = resolveDatabaseUrl(process.env)): Promise<MigrateOutcome> {
  if (databaseKindOf(url) === "sqlite") {
    return runPrisma(["migrate", "deploy"]) === 0 ? { ok: true, applied: [] } : { ok: false, message: "database migration failed; see the messages above" };
  }
  const problem = checkPostgresUrl(url);
  if (problem) return { ok: false, message: problem };
  try {
    return { ok: true, applied: await migratePostgres(url) };
  } catch (error) {
    if (error instanceof MigrationFailedError) return { ok: false, message: `database migration failed: ${error.message}` };
    return { ok: false, message: describePostgresConnectionError(url, error) };
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
