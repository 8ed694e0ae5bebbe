/**
 * The unit and integration suite on PostgreSQL: starts a throw-away cluster (or uses the one
 * HANDSHAKE_TEST_POSTGRES_URL names), migrates a template database every test file copies, runs
 * Vitest, stops the cluster. Usage: tsx lib/cli/test-postgres.ts [vitest args…] (npm run test:unit:postgres).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { Client } from "pg";
import { migratePostgres } from "@/lib/db/migrate-postgres";
import { loadDatabaseTimeouts } from "@/lib/config/env";
import { withPostgresCluster } from "@/lib/testing/postgres-cluster";
import { POSTGRES_TEMPLATE_DATABASE, testPostgresAdminUrl } from "@/lib/testing/test-database";

async function prepareTemplate(adminUrl: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${POSTGRES_TEMPLATE_DATABASE}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${POSTGRES_TEMPLATE_DATABASE}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${POSTGRES_TEMPLATE_DATABASE}`;
  await migratePostgres(url.toString(), { timeouts: loadDatabaseTimeouts() });
}

function runVitest(adminUrl: string, args: string[]): number {
  const vitest = path.join(process.cwd(), "node_modules", "vitest", "vitest.mjs");
  const result = spawnSync(process.execPath, [vitest, "run", ...args], {
    stdio: "inherit",
    env: { ...process.env, HANDSHAKE_TEST_POSTGRES_URL: adminUrl },
  });
  return result.status ?? 1;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const existing = testPostgresAdminUrl();
  const run = async (adminUrl: string) => {
    await prepareTemplate(adminUrl);
    console.info(`[test-postgres] Vitest on PostgreSQL (${new URL(adminUrl).host})`);
    return runVitest(adminUrl, args);
  };
  return existing ? run(existing) : withPostgresCluster((cluster) => run(cluster.adminUrl));
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[test-postgres] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
