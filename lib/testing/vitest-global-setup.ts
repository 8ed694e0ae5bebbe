/**
 * Vitest's global setup: on SQLite, migrates one template database that every test database
 * copies (test-database.ts), as the PostgreSQL suite does with its template database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runPrisma } from "@/lib/cli/prisma";
import { SQLITE_TEMPLATE_ENV, testPostgresAdminUrl } from "@/lib/testing/test-database";

export default function setup(): () => void {
  if (testPostgresAdminUrl()) return () => {};
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-test-template-"));
  const status = runPrisma(["migrate", "deploy"], { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" });
  if (status !== 0) throw new Error("migrating the SQLite template database failed");
  // The test workers start after this and inherit the environment.
  process.env[SQLITE_TEMPLATE_ENV] = path.join(dataDir, "handshake.db");
  return () => fs.rmSync(dataDir, { recursive: true, force: true });
}
