/**
 * npm run bench:refresh-schedule [-- --sets 10000 --hours 8] [--database sqlite|postgresql]
 * The background refresher's schedule for a fleet of shared token sets issued in the same minute
 * (1-hour tokens, 5-minute margin, a scan a minute), by the refresher's own policy functions: the
 * refreshes per minute as a histogram, the peak against the mean (goal: no minute above 3x), the
 * shortest time between two refreshes of one set (goal: at least half a lifetime) and the least
 * validity left at a refresh. The simulation's own CPU time is printed; it is what one scan's
 * decisions cost, without the provider calls. Then the real refresher's scan over as many stored
 * sets, on SQLite and PostgreSQL side by side (lib/bench/refresher-scan.ts): its wall time and CPU.
 */
import { parseArgs } from "node:util";
import { simulateRefreshSchedule } from "@/lib/tokens/refresh-schedule";
import { runBenchmark } from "@/lib/bench/compare-databases";
import { measureRefresherScans } from "@/lib/bench/refresher-scan";

const { values } = parseArgs({
  options: {
    sets: { type: "string" },
    hours: { type: "string" },
    single: { type: "boolean" },
    database: { type: "string" },
  },
});
const sets = Number(values.sets ?? 10_000);
const minutes = Number(values.hours ?? 8) * 60;

function printSimulation() {
  const cpuBefore = process.cpuUsage();
  const { perMinute, shortestGapSeconds, leastLeftSeconds } = simulateRefreshSchedule({
    sets,
    lifetimeSeconds: 3_600,
    marginSeconds: 300,
    scanSeconds: 60,
    minutes,
  });
  const cpu = process.cpuUsage(cpuBefore);

  const first = perMinute.findIndex((n) => n > 0);
  const active = perMinute.slice(first);
  const total = active.reduce((a, b) => a + b, 0);
  const mean = total / active.length;
  const peak = Math.max(...active);
  console.log(`${sets.toLocaleString("en-US")} sets, ${minutes / 60} hours, first refresh in minute ${first}`);
  console.log(
    `refreshes: ${total.toLocaleString("en-US")}; per minute mean ${mean.toFixed(1)}, peak ${peak} (${(peak / mean).toFixed(2)}x the mean; goal <= 3x)`,
  );
  console.log(`shortest gap between two refreshes of a set: ${shortestGapSeconds} s (goal >= 1800 s, half a lifetime)`);
  console.log(`least validity left at a refresh: ${leastLeftSeconds} s (the margin is 300 s)`);
  console.log(
    `decisions: ${(sets * minutes).toLocaleString("en-US")} in ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU (${(((cpu.user + cpu.system) / (sets * minutes)) * 1000).toFixed(0)} ns each)`,
  );
  console.log("histogram (refreshes per minute, by 10-minute block: min / max):");
  for (let start = first; start < perMinute.length; start += 10) {
    const block = perMinute.slice(start, start + 10);
    const bar = "#".repeat(Math.round(Math.max(...block) / (peak / 40)));
    console.log(
      `  min ${String(start).padStart(4)}  ${String(Math.min(...block)).padStart(5)} / ${String(Math.max(...block)).padStart(5)}  ${bar}`,
    );
  }
}

runBenchmark(
  "The background refresher's scan",
  "lib/bench/bench-refresh-schedule.ts",
  () => measureRefresherScans(sets),
  printSimulation,
);
