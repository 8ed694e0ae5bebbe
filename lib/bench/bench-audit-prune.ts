/**
 * npm run bench:audit-prune [-- --events 1200000 --prune 1000000] [--database sqlite|postgresql]
 *
 * Seeds a temporary database with a year of chained audit events (lib/bench/audit-seed.ts), then
 * prunes the oldest `--prune` of them (audit retention, in batches) while a writer appends an audit
 * event every 20 ms, as the console's saves do. Prints the prune's rate, and the writer's append
 * latency: median, p99 and the longest wait (goal: no append waits more than 100 ms), beside the same
 * writer's for 20 s with nothing pruning first, then checks the chain still verifies. Runs on SQLite and PostgreSQL side by side (lib/bench/compare-databases.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "@/lib/config/env";
import { migrateDatabase } from "@/lib/cli/migrate";
import { seedAuditBench } from "@/lib/bench/audit-seed";
import { reportBenchRows, runBenchmark } from "@/lib/bench/compare-databases";
import { measurePruneUnderWrites } from "@/lib/bench/prune-under-writes";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "1200000" },
    prune: { type: "string", default: "1000000" },
    single: { type: "boolean", default: false },
    database: { type: "string" },
  },
});

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "handshake-bench-prune-"));
  process.env.DATA_DIR = dataDir;
  try {
    const config = loadConfig();
    const migrated = await migrateDatabase(config.databaseUrl);
    if (!migrated.ok) throw new Error(migrated.message);
    const events = Number(args.events);
    const seeded = await seedAuditBench(config.databaseUrl, config.auditKey, { events, connections: 100 });
    reportBenchRows(await measurePruneUnderWrites(config.auditKey, seeded, { events, prune: Number(args.prune) }));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runBenchmark("Audit pruning with a concurrent writer", "lib/bench/bench-audit-prune.ts", main);
