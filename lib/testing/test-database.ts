/**
 * A real, migrated SQLite database in a temporary data directory for integration tests.
 * Call before importing anything that reads the configuration (lib/db/prisma, lib/config/env's getConfig).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runPrisma } from "@/lib/cli/prisma";

export function createTestDatabase(): { dataDir: string; databaseFile: string; cleanup: () => void } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-test-db-"));
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  delete process.env.ENCRYPTION_KEY;
  if (runPrisma(["migrate", "deploy"]) !== 0) throw new Error("migrations failed");
  return {
    dataDir,
    databaseFile: path.join(dataDir, "handshake.db"),
    cleanup: () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}
