/**
 * Runs a benchmark once per database and prints the medians side by side. SQLite runs on a temporary
 * file; PostgreSQL on a fresh database of the server DATABASE_URL names (postgres://…), or of a
 * throw-away cluster when it names none. `--database sqlite|postgresql` runs only one of them.
 * Each run is its own process: the app's configuration and Prisma client are per process.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import { Client } from "pg";
import { databaseKindOf } from "@/lib/config/database-url";
import { withPostgresCluster } from "@/lib/testing/postgres-cluster";

/** A timed case (milliseconds, median and p95), a throughput (`perSecond`, median only) or a plain figure (`count`). */
export type BenchRow = { label: string; median: number; p95: number; unit?: "ms" | "perSecond" | "count" };

const RESULT_PREFIX = "BENCH_RESULT ";

/** A single run reports its rows to the comparing parent with this line. */
export function reportBenchRows(rows: BenchRow[]): void {
  console.log(`${RESULT_PREFIX}${JSON.stringify(rows)}`);
}

export function isSingleRun(): boolean {
  return process.argv.includes("--single");
}

/**
 * On PostgreSQL the console refuses secrets it would generate itself (lib/config/env.ts,
 * assertSharedSecrets); a throw-away benchmark database gets throw-away ones.
 */
function sharedSecretsFor(databaseUrl: string): Record<string, string> {
  if (databaseKindOf(databaseUrl) !== "postgresql") return {};
  const random = () => crypto.randomBytes(32).toString("base64");
  return { NEXTAUTH_SECRET: random(), ENCRYPTION_KEY: `k1:${random()}`, AUDIT_HMAC_KEY: random() };
}

function runSingle(script: string, args: string[], databaseUrl: string): Promise<BenchRow[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, "--single", ...args], {
      env: { ...process.env, ...sharedSecretsFor(databaseUrl), DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let rows: BenchRow[] | null = null;
    let buffer = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        if (line.startsWith(RESULT_PREFIX)) rows = JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchRow[];
        else console.log(line);
      }
    });
    child.on("exit", (code) =>
      code === 0 && rows ? resolve(rows) : reject(new Error(`${script} exited with ${code}`)),
    );
  });
}

async function withFreshPostgresDatabase<T>(serverUrl: string, body: (url: string) => Promise<T>): Promise<T> {
  const name = `handshake_bench_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    return await body(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

function printSideBySide(title: string, sqlite: BenchRow[] | null, postgres: BenchRow[] | null): void {
  const labels = (sqlite ?? postgres ?? []).map((r) => r.label);
  const width = Math.max(20, ...labels.map((l) => l.length));
  const ms = (n: number | undefined) => (n === undefined ? "-" : `${n.toFixed(1)} ms`).padStart(11);
  const cell = (row: BenchRow | undefined) =>
    row?.unit === "perSecond"
      ? `${row.median.toFixed(1)} /s`.padStart(11)
      : row?.unit === "count"
        ? `${Number(row.median.toFixed(2))}`.padStart(11)
        : `${ms(row?.median)} (${ms(row?.p95).trim()})`;
  console.log(`\n${title}: median (p95); PG/SQLite compares time, so above 1 PostgreSQL is slower`);
  console.log(`${"case".padEnd(width)} ${"SQLite".padStart(23)} ${"PostgreSQL".padStart(23)}   PG/SQLite`);
  for (const [i, label] of labels.entries()) {
    const s = sqlite?.[i];
    const p = postgres?.[i];
    // For a throughput, the time ratio is the inverse of the rates.
    const ratio = s && p ? `${(s.unit === "perSecond" ? s.median / p.median : p.median / s.median).toFixed(2)}x` : "-";
    console.log(`${label.padEnd(width)} ${cell(s)}`.padEnd(width + 25) + ` ${cell(p)}`.padEnd(25) + `   ${ratio}`);
  }
}

export async function compareDatabases(title: string, script: string, args: string[]): Promise<void> {
  const only = args.includes("--database") ? args[args.indexOf("--database") + 1] : undefined;
  const passThrough = args.filter((a, i) => a !== "--database" && args[i - 1] !== "--database");
  const configured = process.env.DATABASE_URL?.trim() ?? "";
  let sqlite: BenchRow[] | null = null;
  let postgres: BenchRow[] | null = null;
  if (only !== "postgresql") {
    console.log("[bench] SQLite");
    sqlite = await runSingle(script, passThrough, "");
  }
  if (only !== "sqlite") {
    console.log("[bench] PostgreSQL");
    const run = (serverUrl: string) =>
      withFreshPostgresDatabase(serverUrl, (url) => runSingle(script, passThrough, url));
    postgres =
      databaseKindOf(configured) === "postgresql"
        ? await run(configured)
        : await withPostgresCluster((cluster) => run(cluster.adminUrl));
  }
  printSideBySide(title, sqlite, postgres);
}

/**
 * A benchmark script's entry: with `--single` its one run on this process's database, otherwise
 * that run on each database side by side (after `beforeComparing`, e.g. a simulation's printout).
 * It exits when done, so an open handle cannot keep it alive, and with 1 on a failure.
 */
export function runBenchmark(
  title: string,
  script: string,
  single: () => Promise<void>,
  beforeComparing?: () => void,
): void {
  const run = isSingleRun()
    ? single()
    : (async () => {
        beforeComparing?.();
        await compareDatabases(title, script, process.argv.slice(2));
      })();
  run.then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
  // Nothing left to wake the run (a promise no timer, socket or child will settle): Node would end
  // with 0, and the comparing parent would see a run that printed nothing.
  process.once("beforeExit", () => {
    console.error(`${script} stopped waiting on something that can no longer happen, before it finished.`);
    process.exit(1);
  });
}
