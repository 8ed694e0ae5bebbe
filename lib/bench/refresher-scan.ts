/**
 * The background refresher's own cost at scale, on the database the comparing parent names: N
 * client-credentials connections whose shared tokens (1 hour, issued now) are all inside the
 * scan's one-day horizon, so every scan reads every set and decides per set (none is due yet).
 * Prints the wall time and this process's CPU (process.cpuUsage: Prisma's engine and the
 * decisions; the database server's own CPU is not in it) per scan, and the share of one core a
 * scan a minute costs.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { reportBenchRows } from "@/lib/bench/compare-databases";
import { seedCachedConnections } from "@/lib/bench/token-api-seed";

const SCANS = 7;
const SCAN_INTERVAL_MS = 60_000;

export async function measureRefresherScans(sets: number): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "handshake-bench-"));
  Object.assign(process.env, { DATA_DIR: dataDir });
  try {
    const { migrateDatabase } = await import("@/lib/cli/migrate");
    const migrated = await migrateDatabase();
    if (!migrated.ok) throw new Error(migrated.message);
    const { prisma } = await import("@/lib/db/prisma");
    const issuer = "https://id.example.com";
    const seeded = performance.now();
    await seedCachedConnections(prisma, {
      count: sets,
      issuer,
      tokenUrl: `${issuer}/token`,
      clientId: "fleet",
      clientSecret: "fleet-secret-value",
    });
    console.log(`[bench] seeded ${sets} shared token sets in ${Math.round(performance.now() - seeded)} ms`);
    const { currentDatabaseKind } = await import("@/lib/config/database-url");
    if (currentDatabaseKind() === "postgresql") await prisma.$executeRawUnsafe("ANALYZE");

    const { startBackgroundRefresher } = await import("@/lib/tokens/background-refresher");
    const refresher = startBackgroundRefresher(prisma, { intervalMs: SCAN_INTERVAL_MS, timer: false });
    const wall: number[] = [];
    const cpu: number[] = [];
    try {
      for (let i = 0; i < SCANS; i++) {
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        const attempted = await refresher.runOnce();
        const elapsed = performance.now() - started;
        const used = process.cpuUsage(cpuBefore);
        if (attempted !== 0) throw new Error(`the scan refreshed ${attempted} sets; none was due`);
        if (i === 0) continue; // the first warms Prisma's engine and the database's cache
        wall.push(elapsed);
        cpu.push((used.user + used.system) / 1000);
      }
    } finally {
      await refresher.stop();
      await prisma.$disconnect();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const max = (xs: number[]) => Math.max(...xs);
    console.log(
      `refresher scan over ${sets} sets (none due), ${SCANS - 1} scans: wall median ${median(wall).toFixed(0)} ms (max ${max(wall).toFixed(0)}), CPU median ${median(cpu).toFixed(0)} ms (max ${max(cpu).toFixed(0)}); a scan a minute costs ${((100 * median(cpu)) / SCAN_INTERVAL_MS).toFixed(2)}% of one core`,
    );
    reportBenchRows([
      { label: `scan of ${sets} sets, wall`, median: median(wall), p95: max(wall) },
      { label: `scan of ${sets} sets, CPU`, median: median(cpu), p95: max(cpu) },
      { label: "% of a core at a scan/minute", median: (100 * median(cpu)) / SCAN_INTERVAL_MS, p95: 0, unit: "count" },
    ]);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
