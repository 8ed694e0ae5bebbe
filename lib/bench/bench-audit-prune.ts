/**
 * npm run bench:audit-prune [-- --events 1200000 --prune 1000000] [--database sqlite|postgresql]
 *
 * Seeds a temporary database with a year of chained audit events (lib/bench/audit-seed.ts), then
 * prunes the oldest `--prune` of them (audit retention, in batches) while a writer appends an audit
 * event every 20 ms, as the console's saves do. Prints the prune's rate, and the writer's append
 * latency: median, p99 and the longest wait (goal: no append waits more than 100 ms), then checks the
 * chain still verifies. Runs on SQLite and PostgreSQL side by side (lib/bench/compare-databases.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { loadConfig } from "@/lib/config/env";
import { migrateDatabase } from "@/lib/cli/migrate";
import { seedAuditBench } from "@/lib/bench/audit-seed";
import { reportBenchRows, runBenchmark } from "@/lib/bench/compare-databases";

const DAY_MS = 24 * 60 * 60 * 1000;
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
    const { prisma } = await import("@/lib/db/prisma");
    const { recordAuditEvent, SYSTEM_ACTOR } = await import("@/lib/audit/record-audit-event");
    const { pruneAuditEvents } = await import("@/lib/audit/prune-audit-events");
    const { verifyAuditChain } = await import("@/lib/audit/verify-audit-chain");

    // The seed spreads the events evenly over its year: the cutoff that leaves the newest ones.
    const keepFraction = 1 - Number(args.prune) / events;
    const span = seeded.lastDay.getTime() - seeded.firstDay.getTime();
    const cutoff = new Date(seeded.lastDay.getTime() - keepFraction * span);
    const retentionDays = Math.max(1, Math.round((Date.now() - cutoff.getTime()) / DAY_MS));

    const append = () =>
      prisma.$transaction((tx) =>
        recordAuditEvent(tx, {
          actor: SYSTEM_ACTOR,
          action: "keys.rotated",
          details: { activeKeyId: "k", reencrypted: 0 },
        }),
      );
    // The first query starts Prisma's engine: not a wait the pruning causes.
    await append();
    const latencies: number[] = [];
    let writing = true;
    const writer = (async () => {
      while (writing) {
        const started = performance.now();
        await prisma.$transaction((tx) =>
          recordAuditEvent(tx, {
            actor: SYSTEM_ACTOR,
            action: "keys.rotated",
            details: { activeKeyId: "k", reencrypted: 0 },
          }),
        );
        latencies.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const started = performance.now();
    const outcome = await pruneAuditEvents({ retentionDays, actor: SYSTEM_ACTOR });
    const seconds = (performance.now() - started) / 1000;
    writing = false;
    await writer;
    if (!outcome.pruned) throw new Error("nothing was old enough to prune");

    const sorted = [...latencies].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
    console.log(
      `pruned ${outcome.deletedCount.toLocaleString("en-US")} of ${events.toLocaleString("en-US")} events in ${outcome.batches} batches, ${seconds.toFixed(1)} s (${(outcome.deletedCount / seconds).toFixed(0)} events/s)`,
    );
    console.log(
      `concurrent appends: ${sorted.length}, median ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, longest ${sorted.at(-1)!.toFixed(1)} ms (goal: <= 100 ms)`,
    );
    const verified = await verifyAuditChain({ key: config.auditKey });
    console.log(
      `chain after pruning: ${verified.ok ? `verifies (${verified.count.toLocaleString("en-US")} events)` : "BROKEN"}`,
    );
    await prisma.$disconnect();
    reportBenchRows([
      { label: "append during prune (median / p99)", median: at(0.5), p95: at(0.99) },
      { label: "append during prune (longest)", median: sorted.at(-1)!, p95: sorted.at(-1)! },
      { label: "prune rate", median: outcome.deletedCount / seconds, p95: 0, unit: "perSecond" },
    ]);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runBenchmark("Audit pruning with a concurrent writer", "lib/bench/bench-audit-prune.ts", main);
