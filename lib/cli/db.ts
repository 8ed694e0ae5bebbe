/**
 * npm run db -- stats          row counts and sizes of every table (with its indexes) and the database
 *               housekeeping   runs the hourly housekeeping now: token-read roll-ups, test history
 *                              past TEST_RUN_RETENTION_DAYS, expired authorizations and leases
 */
import { parseArgs } from "node:util";
import type { AppConfig } from "@/lib/config/env";
import { loadConfigOrExit, usageFor, type Usage } from "@/lib/cli/cli-support";

const usage: Usage = usageFor(["usage: npm run db -- stats", "       npm run db -- housekeeping"]);

async function stats(): Promise<number> {
  const { readDatabaseStats, formatBytes } = await import("@/lib/db/table-stats");
  const { tables, databaseBytes } = await readDatabaseStats();
  const width = Math.max(...tables.map((t) => t.table.length), "table".length);
  console.log(`${"table".padEnd(width)}  ${"rows".padStart(12)}  ${"size".padStart(10)}`);
  for (const t of tables)
    console.log(
      `${t.table.padEnd(width)}  ${t.rows.toLocaleString("en-US").padStart(12)}  ${formatBytes(t.bytes).padStart(10)}`,
    );
  console.log(`database size: ${formatBytes(databaseBytes)}`);
  return 0;
}

async function housekeeping(config: AppConfig): Promise<number> {
  const { runHousekeeping } = await import("@/lib/jobs/housekeeping");
  const { prisma } = await import("@/lib/db/prisma");
  const outcome = await runHousekeeping(prisma, { testRunRetentionDays: config.testRunRetentionDays });
  console.log(
    `Rolled up ${outcome.hourRows} hourly and ${outcome.dayRows} daily token-read rows; pruned ${outcome.testRuns} test runs older than ${config.testRunRetentionDays} days, ${outcome.pendingAuthorizations} expired authorizations and ${outcome.leases} old leases.`,
  );
  return 0;
}

async function main() {
  const config = loadConfigOrExit(usage);
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  const [command] = positionals;
  const { prisma } = await import("@/lib/db/prisma");
  try {
    if (command === "stats") process.exit(await stats());
    if (command === "housekeeping") process.exit(await housekeeping(config));
  } finally {
    await prisma.$disconnect();
  }
  usage(command ? `unknown command ${command}` : undefined);
}

void main();
