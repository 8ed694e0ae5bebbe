/**
 * Applies prisma/postgres/migrations to a PostgreSQL database. Prisma 6.19's WebAssembly schema
 * engine cannot run `migrate deploy` through adapter-pg without patching the adapter's internals
 * (see ../shared/ENVIRONMENT.md), so this applies each pending migration.sql itself and records it
 * in `_prisma_migrations` in Prisma's own layout (checksum = sha256 of the file): `prisma migrate
 * status` and a later switch to Prisma's deploy see the same history.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { POSTGRES_MIGRATIONS } from "@/lib/db/postgres-schema";
import type { PostgresTimeouts } from "@/lib/config/env";
import { postgresSessionConfig } from "@/lib/db/postgres-session";

// The lock key Prisma's own migrate deploy takes: replicas starting at once (and a Prisma deploy
// running beside them) apply migrations one after another, never twice. It stays this fixed number
// (not derived like lib/db/postgres-session.ts's keys) because Prisma's CLI cannot be changed.
export const MIGRATION_LOCK_KEY = 72707369;

// Prisma's deploy waits for this lock without limit; ours tries it until this much time has passed,
// long enough for another replica to apply a migration, and then stops start-up with one line.
const MIGRATION_LOCK_WAIT_MS = 120_000;
const MIGRATION_LOCK_RETRY_MS = 500;

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** A migration's own SQL failed, or the migration lock stayed taken (as opposed to reaching the database). */
export class MigrationFailedError extends Error {}

export type MigrateOptions = { timeouts: PostgresTimeouts; lockWaitMs?: number };

/**
 * Takes the session-level migration lock with pg_try_advisory_lock, again and again until
 * `waitMs` has passed: a holder that never lets go (a stuck deploy, or any role in the database
 * taking the well-known key) fails start-up with a message instead of stalling it for ever.
 */
async function takeMigrationLock(client: Client, waitMs: number): Promise<void> {
  const giveUpAt = Date.now() + waitMs;
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      MIGRATION_LOCK_KEY,
    ]);
    if (rows[0]?.locked) return;
    if (Date.now() + MIGRATION_LOCK_RETRY_MS > giveUpAt) {
      throw new MigrationFailedError(
        `another session has held the migration lock (PostgreSQL advisory lock ${MIGRATION_LOCK_KEY}) for over ${Math.round(waitMs / 1000)} s; ` +
          "wait for a running migrate deploy to finish, or find the holder in pg_locks (locktype advisory, objid " +
          MIGRATION_LOCK_KEY +
          ")",
      );
    }
    await new Promise((resolve) => setTimeout(resolve, MIGRATION_LOCK_RETRY_MS));
  }
}

export type Migration = { name: string; sql: string; checksum: string };

export function readPostgresMigrations(root = process.cwd()): Migration[] {
  const dir = path.join(root, POSTGRES_MIGRATIONS);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

/** Applies every pending migration, each in its own transaction; returns the names applied. */
export async function migratePostgres(
  connectionString: string,
  options: MigrateOptions,
  migrations = readPostgresMigrations(),
): Promise<string[]> {
  // A migration may rewrite a large table: no statement timeout, but its lock waits stay bounded.
  const session = postgresSessionConfig(connectionString, { ...options.timeouts, statementTimeoutMs: 0 });
  const client = new Client({ ...session, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await takeMigrationLock(client, options.lockWaitMs ?? MIGRATION_LOCK_WAIT_MS);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<{ migration_name: string; finished_at: Date | null }>(
      `SELECT "migration_name", "finished_at" FROM "_prisma_migrations" WHERE "rolled_back_at" IS NULL`,
    );
    const unfinished = rows.find((row) => row.finished_at === null);
    if (unfinished)
      throw new MigrationFailedError(
        `migration ${unfinished.migration_name} started but never finished; resolve it before starting`,
      );
    const applied = new Set(rows.map((row) => row.migration_name));
    const done: string[] = [];
    for (const migration of migrations.filter((m) => !applied.has(m.name))) {
      // PostgreSQL's DDL is transactional: a failing migration leaves nothing half-applied.
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "applied_steps_count") VALUES ($1, $2, now(), $3, 1)`,
          [crypto.randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new MigrationFailedError(
          `migration ${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      done.push(migration.name);
    }
    return done;
  } finally {
    await client.end();
  }
}
