/**
 * npm run bench:writes [-- --writers 8 --seconds 10] [--database sqlite|postgresql]
 *
 * Concurrent write throughput through the data-access layer, as several console requests at
 * once: connection edits/s (each a draft save that reads the connection's version, writes it
 * and appends its audit event in one transaction) and audit events/s (standalone appends to the
 * hash chain), each with N parallel writers for a fixed time. Prints throughput and per-write
 * latency (median, p95), then verifies the audit chain.
 *
 * Runs on SQLite (a temporary file) and on PostgreSQL (a fresh database on the server DATABASE_URL
 * names, else on a throw-away cluster) and prints both side by side (lib/bench/compare-databases.ts):
 * per-write latency as median (p95), and throughput. Keys always go to a temporary DATA_DIR.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { reportBenchRows, runBenchmark } from "@/lib/bench/compare-databases";
import { createBenchAdmin } from "@/lib/bench/bench-admin";
import { openMigratedDatabase } from "@/lib/bench/open-migrated-database";

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

/** Runs `write` in `writers` parallel loops for `seconds`; returns each write's latency in ms. */
async function runParallel(writers: number, seconds: number, write: (writer: number, round: number) => Promise<void>) {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let round = 0; performance.now() < deadline; round++) {
        const t = performance.now();
        await write(writer, round);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), elapsedMs: performance.now() - started };
}

async function main() {
  const { values } = parseArgs({
    options: {
      writers: { type: "string", default: "8" },
      seconds: { type: "string", default: "10" },
      single: { type: "boolean" },
      database: { type: "string" },
    },
  });
  const writers = Number(values.writers);
  const seconds = Number(values.seconds);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-bench-writes-"));
  process.env.DATA_DIR = dataDir;
  delete process.env.ENCRYPTION_KEY;
  const prisma = await openMigratedDatabase();
  const { getConfig } = await import("@/lib/config/env");
  const { saveConnectionDraft } = await import("@/lib/connections/manage-connections");
  const { recordStandaloneAuditEvent } = await import("@/lib/audit/record-audit-event");
  const { verifyAuditChain } = await import("@/lib/audit/verify-audit-chain");

  try {
    const runId = Date.now().toString(36);
    const actor = await createBenchAdmin(prisma, `bench-writes-${runId}@handshake.test`);
    const draftInput = (name: string, description: string) => ({
      name,
      providerType: "custom",
      providerParams: {},
      description,
    });

    // One draft per writer, edited over and over at its current version.
    const drafts = await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        saveConnectionDraft(actor, { reachedStep: 1, input: draftInput(`bench ${runId} writer ${i}`, "edit 0") }),
      ),
    );
    const versions = drafts.map((d) => d.version);
    const edits = await runParallel(writers, seconds, async (writer, round) => {
      const saved = await saveConnectionDraft(actor, {
        draftId: drafts[writer]!.id,
        version: versions[writer],
        reachedStep: 1,
        input: draftInput(`bench ${runId} writer ${writer}`, `edit ${round + 1}`),
      });
      versions[writer] = saved.version;
    });
    const events = await runParallel(writers, seconds, async (writer, round) => {
      await recordStandaloneAuditEvent({
        actor,
        action: "audit.exported",
        details: { format: "csv", filter: { writer: String(writer), round: String(round) } },
      });
    });
    const verification = await verifyAuditChain({ key: getConfig().auditKey });

    const url = getConfig().databaseUrl;
    const database = url.startsWith("file:")
      ? "SQLite (WAL, synchronous=NORMAL)"
      : url.replace(/\/\/[^@/]*@/, "//…@").replace(/\?.*$/, "");
    console.log(`\nconcurrent writes: ${writers} parallel writers, ${seconds} s each, database ${database}`);
    console.log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} on ${os.cpus().length} CPUs`,
    );
    const row = (label: string, a: string, b: string, c: string, d: string) =>
      console.log(`${label.padEnd(20)}${a.padStart(10)}${b.padStart(12)}${c.padStart(12)}${d.padStart(12)}`);
    row("", "writes", "per second", "median", "p95");
    for (const [label, run] of [
      ["connection edits", edits],
      ["audit events", events],
    ] as const) {
      const perSecond = run.latencies.length / (run.elapsedMs / 1000);
      row(
        label,
        String(run.latencies.length),
        perSecond.toFixed(1),
        `${percentile(run.latencies, 50).toFixed(2)} ms`,
        `${percentile(run.latencies, 95).toFixed(2)} ms`,
      );
    }
    console.log(verification.ok ? `audit chain verifies (${verification.count} events)` : "audit chain BROKEN");
    if (!verification.ok) throw new Error("the audit chain does not verify");
    reportBenchRows([
      ...(
        [
          ["connection edit", edits],
          ["audit event", events],
        ] as const
      ).map(([label, run]) => ({
        label: `${label}: latency`,
        median: percentile(run.latencies, 50),
        p95: percentile(run.latencies, 95),
      })),
      ...(
        [
          ["connection edits", edits],
          ["audit events", events],
        ] as const
      ).map(([label, run]) => {
        const perSecond = run.latencies.length / (run.elapsedMs / 1000);
        return {
          label: `${label} per second (${writers} writers)`,
          median: perSecond,
          p95: perSecond,
          unit: "perSecond" as const,
        };
      }),
    ]);
  } finally {
    await prisma.$disconnect();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runBenchmark("Concurrent writes", "lib/bench/bench-writes.ts", main);
