/**
 * A real, migrated database for integration tests: a SQLite file in a temporary data directory, or,
 * when HANDSHAKE_TEST_POSTGRES_URL names a throw-away PostgreSQL cluster (lib/cli/test-postgres.ts
 * starts one), a fresh database on it copied from the migrated template database.
 * Call before importing anything that reads the configuration (lib/db/prisma, lib/config/env's getConfig).
 * Synchronous because test files call it at module level, before their dynamic imports.
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { runPrisma } from "@/lib/cli/prisma";
import type { DatabaseKind } from "@/lib/config/database-url";

export const POSTGRES_TEMPLATE_DATABASE = "hs_test_template";

export type TestDatabase = {
  kind: DatabaseKind;
  dataDir: string;
  /** Runs SQL on a connection of its own (as someone outside the app would); returns the rows changed by the last statement. */
  rawExec: (sql: string) => number;
  cleanup: () => void;
};

export function testPostgresAdminUrl(): string | undefined {
  return process.env.HANDSHAKE_TEST_POSTGRES_URL?.trim() || undefined;
}

function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

// A child process keeps this synchronous; pg itself only has an asynchronous API.
function runPostgres(url: string, sql: string): number {
  const script = `const { Client } = require("pg");
const c = new Client({ connectionString: process.env.HS_URL });
c.connect().then(() => c.query(process.env.HS_SQL)).then((r) => { const last = Array.isArray(r) ? r[r.length - 1] : r; process.stdout.write(String(last.rowCount ?? 0)); return c.end(); })
  .catch((e) => { process.stderr.write(e.message); process.exit(1); });`;
  const result = spawnSync(process.execPath, ["-e", script], {
    env: { ...process.env, HS_URL: url, HS_SQL: sql },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`PostgreSQL: ${result.stderr}`);
  return Number(result.stdout);
}

function createPostgresTestDatabase(adminUrl: string, dataDir: string): TestDatabase {
  const name = `hs_test_${crypto.randomBytes(6).toString("hex")}`;
  runPostgres(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${POSTGRES_TEMPLATE_DATABASE}"`);
  const url = withDatabase(adminUrl, name);
  process.env.DATABASE_URL = url;
  return {
    kind: "postgresql",
    dataDir,
    rawExec: (sql) => runPostgres(url, sql),
    cleanup: () => {
      runPostgres(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function createDataDir(): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-test-db-"));
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  delete process.env.ENCRYPTION_KEY;
  return dataDir;
}

export function createTestDatabase(): TestDatabase {
  const adminUrl = testPostgresAdminUrl();
  return adminUrl ? createPostgresTestDatabase(adminUrl, createDataDir()) : createSqliteTestDatabase();
}

/** Where the unit suite's migrated SQLite template lives (lib/testing/vitest-global-setup.ts makes it). */
export const SQLITE_TEMPLATE_ENV = "HANDSHAKE_TEST_SQLITE_TEMPLATE";

/** A migrated SQLite database in dataDir: a copy of the suite's template, or migrated here without one. */
function migrateSqliteInto(dataDir: string): void {
  const template = process.env[SQLITE_TEMPLATE_ENV];
  // Copying the template saves a Prisma CLI process (about two seconds of CPU) per test database.
  if (template) fs.copyFileSync(template, path.join(dataDir, "handshake.db"));
  else if (runPrisma(["migrate", "deploy"]) !== 0) throw new Error("migrations failed");
}

/** Always SQLite, for tests of the SQLite adapter itself. */
export function createSqliteTestDatabase(): TestDatabase & { databaseFile: string } {
  const dataDir = createDataDir();
  migrateSqliteInto(dataDir);
  const databaseFile = path.join(dataDir, "handshake.db");
  return {
    kind: "sqlite",
    dataDir,
    databaseFile,
    rawExec: (sql) => {
      const db = new Database(databaseFile);
      try {
        db.exec(sql);
        return (db.prepare("SELECT changes() AS n").get() as { n: number }).n;
      } finally {
        db.close();
      }
    },
    cleanup: () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}
