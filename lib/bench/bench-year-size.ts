/**
 * npm run bench:year-size -- [--connections 1000 --retention-days 90] [--database sqlite|postgresql]
 *
 * The database after a simulated year (#26 item 4), on SQLite and PostgreSQL side by side: N
 * connections refreshed hourly write N × 8,760 chained audit events (lib/bench/audit-seed.ts, the
 * audit benchmark's mix and real HMAC chain); one API key reading every connection leaves the
 * token-read counts the roll-ups keep (hourly for 7 days, daily to 90, monthly before: the shape
 * lib/api-keys/roll-up-token-reads.ts leaves, written directly); a daily scheduled check per
 * connection writes a test run with its trace, and the real retention prune
 * (lib/connection-tests/prune-test-runs.ts) then removes those older than `--retention-days`.
 * Prints every table's rows and size (lib/db/table-stats.ts) and the database size. Written with
 * the bulk writer (lib/bench/bulk-writer.ts).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { reportBenchRows, runBenchmark } from "@/lib/bench/compare-databases";
import { postgresWriter, sqliteWriter, type Value } from "@/lib/bench/bulk-writer";
import { databaseKindOf } from "@/lib/config/database-url";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A passed client-credentials check's trace, about the size the console stores (redacted requests and answers). */
const TRACE = JSON.stringify(
  Array.from({ length: 4 }, (_, i) => ({
    step: ["discovery", "token request", "token response", "token check"][i],
    request: { method: "POST", url: "https://login.example.com/oauth2/token", headers: { "content-type": "form" } },
    response: { status: 200, headers: { "content-type": "application/json" }, body: { token_type: "Bearer" } },
    durationMs: 120 + i,
    notes: "x".repeat(200),
  })),
);

/** The periods the roll-ups keep for one key and connection over a year ending `now`. */
function rolledUpPeriods(now: number): { start: Date; period: string }[] {
  const periods: { start: Date; period: string }[] = [];
  const hour = Math.floor(now / HOUR_MS) * HOUR_MS;
  for (let h = 0; h < 7 * 24; h++) periods.push({ start: new Date(hour - h * HOUR_MS), period: "hour" });
  const day = Math.floor(now / DAY_MS) * DAY_MS;
  for (let d = 7; d < 90; d++) periods.push({ start: new Date(day - d * DAY_MS), period: "day" });
  const cutoff = new Date(day - 90 * DAY_MS);
  for (let m = 0; m < 13; m++) {
    const start = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() - m, 1));
    if (start.getTime() > now - 365 * DAY_MS) periods.push({ start, period: "month" });
  }
  return periods;
}

async function main() {
  const { values } = parseArgs({
    options: {
      connections: { type: "string", default: "1000" },
      "retention-days": { type: "string", default: "90" },
      single: { type: "boolean" },
    },
  });
  const connections = Number(values.connections);
  const retentionDays = Number(values["retention-days"]);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "handshake-bench-"));
  process.env.DATA_DIR = dataDir;
  try {
    const { loadConfig } = await import("@/lib/config/env");
    const config = loadConfig();
    const { migrateDatabase } = await import("@/lib/cli/migrate");
    const migrated = await migrateDatabase(config.databaseUrl);
    if (!migrated.ok) throw new Error(migrated.message);
    let started = performance.now();
    const { seedAuditBench } = await import("@/lib/bench/audit-seed");
    const seeded = await seedAuditBench(config.databaseUrl, config.auditKey, {
      events: connections * 8_760,
      connections,
    });

    const now = Date.now();
    const writer =
      databaseKindOf(config.databaseUrl) === "postgresql"
        ? await postgresWriter(config.databaseUrl)
        : sqliteWriter(config.databaseUrl.replace(/^file:/, ""));
    const keyId = "bench-year-key";
    await writer.insert(
      "ApiKey",
      ["id", "name", "displayPrefix", "keyHash", "allConnections", "createdAt"],
      [[keyId, "fleet bot", "hsk_year00", crypto.randomBytes(16).toString("hex"), true, new Date(now - 365 * DAY_MS)]],
    );
    const periods = rolledUpPeriods(now);
    for (const connectionId of seeded.connectionIds) {
      await writer.insert(
        "TokenReadCount",
        ["apiKeyId", "connectionId", "hourStart", "period", "count", "lastReadAt"],
        periods.map((p): Value[] => [keyId, connectionId, p.start, p.period, 3_600, p.start]),
      );
    }
    for (const [c, connectionId] of seeded.connectionIds.entries()) {
      const runs: Value[][] = [];
      for (let d = 0; d < 365; d++) {
        const at = new Date(now - d * DAY_MS - c * 1000);
        runs.push([
          `run-${c}-${d}`,
          connectionId,
          "scheduled",
          "client_credentials",
          "SUCCESS",
          "{}",
          TRACE,
          at,
          at,
          480,
        ]);
      }
      await writer.insert(
        "TestRun",
        [
          "id",
          "connectionId",
          "trigger",
          "grantType",
          "status",
          "result",
          "trace",
          "startedAt",
          "finishedAt",
          "durationMs",
        ],
        runs,
      );
    }
    await writer.flush();
    console.log(`[bench] simulated year written in ${((performance.now() - started) / 1000).toFixed(0)} s`);

    const { readDatabaseStats, formatBytes } = await import("@/lib/db/table-stats");
    const before = await readDatabaseStats();
    started = performance.now();
    const { pruneTestRuns } = await import("@/lib/connection-tests/prune-test-runs");
    const pruned = await pruneTestRuns({ retentionDays });
    const pruneSeconds = (performance.now() - started) / 1000;
    const after = await readDatabaseStats();
    const { prisma } = await import("@/lib/db/prisma");
    await prisma.$disconnect();

    console.log(
      `\nAfter a simulated year of ${connections} connections refreshed hourly (retention ${retentionDays} days; ${pruned.deletedCount} test runs pruned in ${pruneSeconds.toFixed(0)} s):`,
    );
    console.log(`${"table".padEnd(28)} ${"rows".padStart(12)} ${"size".padStart(10)}`);
    for (const t of after.tables.filter((t) => t.rows > 0))
      console.log(
        `${t.table.padEnd(28)} ${t.rows.toLocaleString("en-US").padStart(12)} ${formatBytes(t.bytes).padStart(10)}`,
      );
    console.log(
      `database size: ${formatBytes(before.databaseBytes)} before the prune, ${formatBytes(after.databaseBytes)} after (freed space is reused by later writes; neither database shrinks its files without VACUUM)`,
    );
    const mb = (bytes: number) => bytes / 1024 / 1024;
    // Every table that grows here grows with the number of connections: the figure scales linearly.
    console.log(
      `per connection-year: ${(mb(after.databaseBytes) / connections).toFixed(2)} MiB, so ${((mb(after.databaseBytes) / connections) * 1000).toFixed(0)} MiB for 1,000 connections`,
    );
    const size = (table: string) => mb(after.tables.find((t) => t.table === table)?.bytes ?? 0);
    reportBenchRows([
      { label: "database MB after prune", median: mb(after.databaseBytes), p95: 0, unit: "count" },
      { label: "database MB before prune", median: mb(before.databaseBytes), p95: 0, unit: "count" },
      { label: "AuditEvent MB", median: size("AuditEvent"), p95: 0, unit: "count" },
      { label: "TokenReadCount MB", median: size("TokenReadCount"), p95: 0, unit: "count" },
      { label: "TestRun MB", median: size("TestRun"), p95: 0, unit: "count" },
      { label: "test run prune (s)", median: pruneSeconds, p95: 0, unit: "count" },
    ]);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runBenchmark("Database size after a simulated year", "lib/bench/bench-year-size.ts", main);
