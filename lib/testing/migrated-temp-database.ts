/**
 * A real SQLite database in a fresh temporary data directory, with every migration applied, for
 * integration tests. Call it before importing anything that reads the configuration or opens
 * Prisma: it points DATA_DIR and DATABASE_URL at the new directory.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const MIGRATIONS_DIR = path.resolve(__dirname, "../../prisma/migrations");

export type TempDatabase = { dataDir: string; file: string; cleanup: () => void };

export function applyMigrations(file: string): void {
  const db = new Database(file);
  try {
    const folders = fs.readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    for (const folder of folders) db.exec(fs.readFileSync(path.join(MIGRATIONS_DIR, folder, "migration.sql"), "utf8"));
  } finally {
    db.close();
  }
}

export function createMigratedTempDatabase(prefix = "handshake-test-"): TempDatabase {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(dataDir, "handshake.db");
  applyMigrations(file);
  process.env.DATA_DIR = dataDir;
  process.env.DATABASE_URL = `file:${file}`;
  return { dataDir, file, cleanup: () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}
