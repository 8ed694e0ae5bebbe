/**
 * Audit retention under load, for the audit benchmarks: prunes the oldest `prune` events of a
 * seeded year (lib/bench/audit-seed.ts) in batches, as `npm start` and `npm run audit -- prune`
 * do, while another process appends an audit event every 20 ms as a running console's saves do
 * (lib/bench/audit-append-writer.ts). Prints the prune's rate and the writer's waits (goal: none
 * over 100 ms) beside the same writer's waits with nothing pruning, then checks that the chain
 * still verifies. Runs on the database this process's
 * DATA_DIR and DATABASE_URL name.
 */
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import type { Seeded } from "@/lib/bench/audit-seed";
import type { BenchRow } from "@/lib/bench/compare-databases";

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long the writer runs alone first: about 1,000 appends. */
const CONTROL_SECONDS = 20;

/** The writer process (lib/bench/audit-append-writer.ts), once it has appended its first event. */
async function startAppendWriter(): Promise<{ stop: () => Promise<number[]> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/bench/audit-append-writer.ts"], {
    env: process.env,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  let buffer = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const complete = buffer.split("\n");
    buffer = complete.pop() ?? "";
    lines.push(...complete);
    waiters.splice(0).forEach((wake) => wake());
  });
  // A writer that ended without its line fails the bench below, instead of leaving it waiting.
  // "close", not "exit": it comes after the last of the writer's output.
  let closed = false;
  child.on("close", () => {
    closed = true;
    waiters.splice(0).forEach((wake) => wake());
  });
  const nextLine = async (): Promise<string> => {
    while (lines.length === 0) {
      if (closed) throw new Error(`the writer exited (${child.exitCode ?? child.signalCode}) without its line`);
      await new Promise<void>((wake) => waiters.push(wake));
    }
    return lines.shift()!;
  };
  if ((await nextLine()) !== "ready") throw new Error("the writer did not start");
  return {
    stop: async () => {
      child.stdin.write("stop\n");
      return JSON.parse(await nextLine()) as number[];
    },
  };
}

export async function measurePruneUnderWrites(
  auditKey: Buffer,
  seeded: Seeded,
  counts: { events: number; prune: number },
): Promise<BenchRow[]> {
  const { prisma } = await import("@/lib/db/prisma");
  const { SYSTEM_ACTOR } = await import("@/lib/audit/record-audit-event");
  const { pruneAuditEvents } = await import("@/lib/audit/prune-audit-events");
  const { verifyAuditChain } = await import("@/lib/audit/verify-audit-chain");

  // The seed spreads the events evenly over its year: the cutoff that leaves the newest ones.
  const keepFraction = 1 - counts.prune / counts.events;
  const span = seeded.lastDay.getTime() - seeded.firstDay.getTime();
  const cutoff = new Date(seeded.lastDay.getTime() - keepFraction * span);
  const retentionDays = Math.max(1, Math.round((Date.now() - cutoff.getTime()) / DAY_MS));

  // The control: the same writer on the same database with nothing pruning, so that a long wait
  // during the prune can be told apart from one the machine (a slow fsync, a checkpoint) causes anyway.
  const alone = await startAppendWriter();
  await new Promise((resolve) => setTimeout(resolve, CONTROL_SECONDS * 1000));
  const control = summarizeWaits(await alone.stop());
  console.log(`\nappends with no prune (${CONTROL_SECONDS} s): ${control.line}`);

  const writer = await startAppendWriter();
  const started = performance.now();
  const outcome = await pruneAuditEvents({ retentionDays, actor: SYSTEM_ACTOR });
  const seconds = (performance.now() - started) / 1000;
  // Printed before the writer stops, so that a run that never ends shows which of the two it waited on.
  if (outcome.pruned)
    console.log(
      `pruned ${outcome.deletedCount.toLocaleString("en-US")} of ${counts.events.toLocaleString("en-US")} events in ${outcome.batches} batches, ${seconds.toFixed(1)} s (${(outcome.deletedCount / seconds).toFixed(0)} events/s)`,
    );
  const during = summarizeWaits(await writer.stop());
  if (!outcome.pruned) throw new Error("nothing was old enough to prune");
  console.log(`concurrent appends: ${during.line} (goal: <= 100 ms)`);
  const verified = await verifyAuditChain({ key: auditKey });
  console.log(
    `chain after pruning: ${verified.ok ? `verifies (${verified.count.toLocaleString("en-US")} events)` : "BROKEN"}`,
  );
  await prisma.$disconnect();
  if (!verified.ok) throw new Error(`the chain no longer verifies after pruning: ${verified.problem.message}`);
  return [
    { label: "append, no prune (median / p99)", median: control.median, p95: control.p99 },
    { label: "append, no prune (longest)", median: control.longest, p95: control.longest },
    { label: "append during prune (median / p99)", median: during.median, p95: during.p99 },
    { label: "append during prune (longest)", median: during.longest, p95: during.longest },
    { label: "prune rate", median: outcome.deletedCount / seconds, p95: 0, unit: "perSecond" },
  ];
}

function summarizeWaits(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  const [median, p99, longest] = [at(0.5), at(0.99), sorted.at(-1)!];
  const line = `${sorted.length}, median ${median.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, longest ${longest.toFixed(1)} ms`;
  return { median, p99, longest, line };
}
