/**
 * npm run bench:audit [-- --events 1000000 --connections 10000 --runs 30 --prune N --keep | --seed-only] [--database sqlite|postgresql]
 *
 * Seeds a temporary database with chained audit events and connections (lib/bench/audit-seed.ts),
 * starts the built app on it (`next start`),
 * signs in through next-auth (CSRF + credentials callback) and measures, over HTTP:
 *   - the Audit page's server response time (first page, a deep page via cursor, filtered queries)
 *     and the Inventory page's, as median and p95 of full-body fetches;
 *   - the server's resident memory (RSS, sampled) during full CSV and JSON Lines exports;
 *   - `npm run audit -- verify` over the whole chain, as its own process: time, memory, progress lines;
 *   - pruning the oldest `--prune` events (default a tenth) while a writer appends (lib/bench/prune-under-writes.ts).
 * Needs a production build first (`npx next build`; NEXT_DIST_DIR is honoured). Runs on SQLite and
 * on PostgreSQL (DATABASE_URL=postgres://… names the server, else a throw-away cluster) and prints
 * the medians side by side (lib/bench/compare-databases.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { freePort } from "@/lib/testing/free-port";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "@/lib/config/env";
import { migrateDatabase } from "@/lib/cli/migrate";
import { RETIRED_KEY_ACTOR, seedAuditBench } from "@/lib/bench/audit-seed";
import { signInToConsole } from "@/lib/bench/console-sign-in";
import { reportBenchRows, runBenchmark, type BenchRow } from "@/lib/bench/compare-databases";
import { nodeOptionsWithPeerAddress } from "@/lib/http/peer-address-check";
import { measurePruneUnderWrites } from "@/lib/bench/prune-under-writes";
import { stopConsole } from "@/lib/bench/stop-console";

const DAY_MS = 24 * 60 * 60 * 1000;

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    connections: { type: "string", default: "10000" },
    runs: { type: "string", default: "30" },
    prune: { type: "string" },
    keep: { type: "boolean", default: false },
    /** Only seed, keep the data directory and print it: for profiling queries by hand. */
    "seed-only": { type: "boolean", default: false },
    // Set by lib/bench/compare-databases.ts, which runs this script once per database.
    single: { type: "boolean", default: false },
    database: { type: "string" },
  },
});
const EVENTS = Number(args.events);
const CONNECTIONS = Number(args.connections);
const RUNS = Number(args.runs);
const PRUNE = args.prune === undefined ? Math.floor(EVENTS / 10) : Number(args.prune);

/** Resident memory of a process and its descendants, in bytes (Linux /proc). */
function treeRss(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      total += match ? Number(match[1]) * 1024 : 0;
    } catch {
      // Gone.
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

async function waitForHealth(baseUrl: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i += 1) {
    if (server.exitCode !== null) throw new Error("the server exited; see its output above");
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not become healthy in 2 minutes");
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

type PageCase = { label: string; pathAndQuery: string; mustContain: string };
const pageCase = (label: string, pathAndQuery: string, mustContain: string): PageCase => ({
  label,
  pathAndQuery,
  mustContain,
});

function pageFetcher(baseUrl: string, cookie: string, { label, pathAndQuery, mustContain }: PageCase) {
  return async () => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${pathAndQuery}`, { headers: { Cookie: cookie } });
    const body = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200 || !body.includes(mustContain))
      throw new Error(`${label}: HTTP ${response.status}, expected content missing (${pathAndQuery})`);
    return { ms, bytes: body.length };
  };
}

// Every page once per round before any is timed: the server (V8's optimising tiers, the
// database's caches) warms up over the first few hundred requests, and the case timed first
// would otherwise pay for all of it.
const WARM_UP_ROUNDS = 10;

async function warmUp(baseUrl: string, cookie: string, cases: PageCase[]): Promise<void> {
  for (let round = 0; round < WARM_UP_ROUNDS; round += 1)
    for (const c of cases) await pageFetcher(baseUrl, cookie, c)();
}

async function timePage(
  baseUrl: string,
  cookie: string,
  pageCase: PageCase,
): Promise<{ label: string; median: number; p95: number; bytes: number }> {
  const fetchOnce = pageFetcher(baseUrl, cookie, pageCase);
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const { ms, bytes: b } = await fetchOnce();
    samples.push(ms);
    bytes = b;
  }
  samples.sort((a, b) => a - b);
  return { label: pageCase.label, median: percentile(samples, 0.5), p95: percentile(samples, 0.95), bytes };
}

async function measureExport(baseUrl: string, cookie: string, serverPid: number, format: "csv" | "jsonl") {
  const baseline = treeRss(serverPid);
  let peak = baseline;
  const samples: number[] = [];
  const sampler = setInterval(() => {
    const rss = treeRss(serverPid);
    samples.push(rss);
    peak = Math.max(peak, rss);
  }, 100);
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/audit/export?format=${format}`, { headers: { Cookie: cookie } });
  if (!response.ok || !response.body) throw new Error(`export ${format}: HTTP ${response.status}`);
  let bytes = 0;
  let lines = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let at = value.indexOf(10); at !== -1; at = value.indexOf(10, at + 1)) lines += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const deciles = [0.1, 0.25, 0.5, 0.75, 0.9, 1].map(
    (q) => samples[Math.max(0, Math.ceil(q * samples.length) - 1)] ?? baseline,
  );
  return { format, bytes, records: format === "csv" ? lines - 1 : lines, seconds, baseline, peak, deciles };
}

/** `npm run audit -- verify` as an operator runs it, in its own process: its time, memory and progress lines. */
async function measureVerify(): Promise<{
  seconds: number;
  baseline: number;
  peak: number;
  progressLines: number;
  summary: string;
}> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/audit.ts", "verify"], {
    env: process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let progressLines = 0;
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => {
    progressLines += chunk
      .toString()
      .split("\n")
      .filter((l) => l.includes("events verified")).length;
  });
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(treeRss(child.pid!)), 100);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`audit verify exited with ${code}: ${stdout}`);
  // The first seconds are Node and tsx starting: the baseline is the memory once the walk runs.
  const walking = samples.slice(Math.min(samples.length - 1, 30)).filter((rss) => rss > 0);
  return {
    seconds,
    baseline: walking[0] ?? 0,
    peak: Math.max(0, ...walking),
    progressLines,
    summary: stdout.trim().split("\n")[0] ?? "",
  };
}

async function main() {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) {
    console.error(`No production build in ${distDir}. Run \`npx next build\` first.`);
    process.exit(2);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "handshake-bench-"));
  // DATABASE_URL comes from the comparing parent: empty for SQLite, a fresh PostgreSQL database otherwise.
  const databaseUrl = process.env.DATABASE_URL ?? "";
  process.env.DATA_DIR = dataDir;
  let server: ChildProcess | undefined;
  try {
    const config = loadConfig();
    const migrated = await migrateDatabase(config.databaseUrl);
    if (!migrated.ok) throw new Error(migrated.message);
    const seeded = await seedAuditBench(config.databaseUrl, config.auditKey, {
      events: EVENTS,
      connections: CONNECTIONS,
    });
    if (args["seed-only"]) return reportBenchRows([]);

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
    server = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
      env: {
        ...process.env,
        NODE_OPTIONS: nodeOptionsWithPeerAddress(process.env.NODE_OPTIONS),
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_ENV: "production",
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        APP_URL: baseUrl,
        NEXTAUTH_URL: baseUrl,
        // The seeded token sets hold no real ciphertext: a background refresher would fail on every one
        // at each scan and take the CPU these figures measure. Its own cost is bench:refresh-schedule's.
        TOKEN_REFRESH_INTERVAL_SECONDS: "0",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    await waitForHealth(baseUrl, server);
    const cookie = await signInToConsole(baseUrl, seeded.adminEmail, seeded.adminPassword);
    console.log(
      `server on ${baseUrl} (pid ${server.pid}), signed in as ${seeded.adminEmail}; ${RUNS} timed runs per query after ${WARM_UP_ROUNDS} warm-up rounds over every query\n`,
    );

    const rssBeforePages = treeRss(server.pid!);
    const weekStart = new Date(seeded.firstDay.getTime() + 180 * DAY_MS).toISOString().slice(0, 10);
    const weekEnd = new Date(seeded.firstDay.getTime() + 186 * DAY_MS).toISOString().slice(0, 10);
    const deepSeq = Math.max(2, Math.floor(EVENTS / 10));
    const row = 'data-testid="audit-row"';
    const cases: PageCase[] = [
      pageCase("audit: first page", "/audit", row),
      pageCase(`audit: deep page (before=${deepSeq})`, `/audit?before=${deepSeq}`, row),
      pageCase("audit: filter action (secret rotated)", "/audit?action=connection.secret_rotated", row),
      pageCase("audit: filter actor", `/audit?actor=${encodeURIComponent(seeded.userEmails[7]!)}`, row),
      pageCase("audit: filter connection", `/audit?connection=${seeded.connectionIds[1234 % CONNECTIONS]}`, row),
      pageCase("audit: filter date range (1 week, mid-year)", `/audit?from=${weekStart}&to=${weekEnd}`, row),
      pageCase(
        "audit: filter date range (the whole year)",
        `/audit?from=${seeded.firstDay.toISOString().slice(0, 10)}&to=${seeded.lastDay.toISOString().slice(0, 10)}`,
        row,
      ),
      pageCase(
        "audit: filter end date only (a month in)",
        `/audit?to=${new Date(seeded.firstDay.getTime() + 30 * DAY_MS).toISOString().slice(0, 10)}`,
        row,
      ),
      pageCase(
        "audit: action + date range + deep cursor",
        `/audit?action=connection.tested&from=${weekStart}&to=${weekEnd}&before=${Math.floor(EVENTS / 2)}`,
        row,
      ),
      pageCase(
        "audit: actor + action (rare pair)",
        `/audit?actor=${encodeURIComponent(seeded.userEmails[3]!)}&action=keys.rotated`,
        "Audit",
      ),
      pageCase("audit: filter API key actor (a bot)", `/audit?actor=${encodeURIComponent(seeded.botActor)}`, row),
      pageCase(
        "audit: filter retired API key (rare, no user)",
        `/audit?actor=${encodeURIComponent(RETIRED_KEY_ACTOR)}`,
        "Audit",
      ),
      pageCase("inventory: first page", "/inventory", 'data-testid="inventory-row"'),
      pageCase(
        "inventory: failing, oldest secret first",
        "/inventory?failing=1&sort=secret_age",
        'data-testid="inventory-row"',
      ),
      pageCase(
        "inventory: not tested in 30 days + token expired",
        "/inventory?stale=1&tokenExpired=1",
        'data-testid="inventory-row"',
      ),
    ];
    await warmUp(baseUrl, cookie, cases);
    const results = [];
    for (const c of cases) results.push(await timePage(baseUrl, cookie, c));
    console.log("Server response time, full body (ms):");
    console.log(`${"query".padEnd(52)} ${"median".padStart(8)} ${"p95".padStart(8)} ${"bytes".padStart(9)}`);
    for (const r of results)
      console.log(
        `${r.label.padEnd(52)} ${r.median.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${String(r.bytes).padStart(9)}`,
      );
    console.log(`\nserver RSS before page runs: ${mb(rssBeforePages)}, after: ${mb(treeRss(server.pid!))}`);

    const exports: BenchRow[] = [];
    for (const format of ["csv", "jsonl"] as const) {
      const e = await measureExport(baseUrl, cookie, server.pid!, format);
      const mbPerSecond = e.bytes / 1024 / 1024 / e.seconds;
      exports.push({ label: `full export ${format} (one run)`, median: e.seconds * 1000, p95: e.seconds * 1000 });
      exports.push({ label: `full export ${format}, MB`, median: mbPerSecond, p95: 0, unit: "perSecond" });
      console.log(
        `\nfull export ${format}: ${e.records.toLocaleString("en-US")} events, ${mb(e.bytes)} in ${e.seconds.toFixed(1)} s (${(e.records / e.seconds).toFixed(0)} events/s, ${mbPerSecond.toFixed(1)} MB/s)`,
      );
      console.log(`  server RSS: before ${mb(e.baseline)}, peak ${mb(e.peak)} (+${mb(e.peak - e.baseline)})`);
      console.log(`  RSS over the export at 10% / 25% / 50% / 75% / 90% / 100%: ${e.deciles.map(mb).join(" / ")}`);
    }

    const verify = await measureVerify();
    console.log(`\naudit verify: ${verify.summary}`);
    console.log(
      `  ${verify.seconds.toFixed(1)} s (${(EVENTS / verify.seconds).toFixed(0)} events/s), ${verify.progressLines} progress lines; RSS once walking ${mb(verify.baseline)}, peak ${mb(verify.peak)} (+${mb(verify.peak - verify.baseline)})`,
    );
    // The console closes its database with a checkpoint of the write-ahead log: pruning is timed
    // once it has exited, or that checkpoint would count as a wait the pruning caused.
    await stopConsole(server);
    const pruned =
      PRUNE > 0 ? await measurePruneUnderWrites(loadConfig().auditKey, seeded, { events: EVENTS, prune: PRUNE }) : [];
    reportBenchRows([
      ...results.map(({ label, median, p95 }) => ({ label, median, p95 })),
      ...exports,
      { label: "audit verify, whole chain (one run)", median: verify.seconds * 1000, p95: verify.seconds * 1000 },
      ...pruned,
    ]);
  } finally {
    await stopConsole(server);
    if (args.keep || args["seed-only"]) console.log(`\nkept the data directory ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// The comparing parent drops the PostgreSQL database it made when the run ends.
if (args["seed-only"] && !args.single && args.database !== "sqlite") {
  console.error(
    "--seed-only keeps a SQLite data directory: add --database sqlite. To keep a PostgreSQL database, run " +
      "`tsx lib/bench/bench-audit.ts --single --seed-only` with DATABASE_URL naming it, and AUDIT_HMAC_KEY " +
      "(with ENCRYPTION_KEY and NEXTAUTH_SECRET) set as the CLI that reads it later will have them.",
  );
  process.exit(2);
}
runBenchmark("Audit and Inventory pages, server response time", "lib/bench/bench-audit.ts", main);
