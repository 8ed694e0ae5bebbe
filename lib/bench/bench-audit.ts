/**
 * npm run bench:audit [-- --events 1000000 --connections 10000 --runs 30 --keep | --seed-only]
 *
 * Seeds a temporary SQLite database with chained audit events and connections (one better-sqlite3
 * transaction, prepared statements, real HMAC chain), starts the built app on it (`next start`),
 * signs in through next-auth (CSRF + credentials callback) and measures, over HTTP:
 *   - the Audit page's server response time (first page, a deep page via cursor, filtered queries)
 *     and the Inventory page's, as median and p95 of full-body fetches;
 *   - the server's resident memory (RSS, sampled) during full CSV and JSON Lines exports.
 * Needs a production build first (`npx next build`; NEXT_DIST_DIR is honoured).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { loadConfig } from "@/lib/config/env";
import { runPrisma } from "@/lib/cli/prisma";
import { computeEventHash, GENESIS_HASH } from "@/lib/audit/chain";
import { hashPassword } from "@/lib/auth/password";

const DAY_MS = 24 * 60 * 60 * 1000;

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    connections: { type: "string", default: "10000" },
    runs: { type: "string", default: "30" },
    keep: { type: "boolean", default: false },
    /** Only seed, keep the data directory and print it: for profiling queries by hand. */
    "seed-only": { type: "boolean", default: false },
  },
});
const EVENTS = Number(args.events);
const CONNECTIONS = Number(args.connections);
const RUNS = Number(args.runs);

/** Deterministic PRNG (mulberry32) so every run seeds the same data. */
function createRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = createRandom(42);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

/** The text form Prisma's SQLite adapter stores DateTime columns in. */
const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

const ACTION_WEIGHTS: [string, number][] = [
  ["connection.tested", 30],
  ["auth.sign_in", 18],
  ["connection.updated", 14],
  ["token.refreshed", 12],
  ["auth.sign_out", 10],
  ["auth.sign_in_failed", 5],
  ["connection.created", 2],
  ["connection.disabled", 1],
  ["connection.enabled", 1],
  ["connection.authorized", 3],
  ["connection.secret_rotated", 1],
  ["connection.duplicated", 1],
  ["user.role_changed", 0.5],
  ["audit.exported", 0.5],
  ["keys.rotated", 0.05],
];
const ACTION_TOTAL = ACTION_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
function pickAction(): string {
  let r = random() * ACTION_TOTAL;
  for (const [action, weight] of ACTION_WEIGHTS) {
    r -= weight;
    if (r < 0) return action;
  }
  return ACTION_WEIGHTS[0]![0];
}

type Seeded = { adminEmail: string; adminPassword: string; userEmails: string[]; connectionIds: string[]; firstDay: Date; lastDay: Date };

async function seed(file: string, auditKey: Buffer): Promise<Seeded> {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const adminPassword = `bench-${Math.random().toString(36).slice(2)}-password`;
  const adminHash = await hashPassword(adminPassword);
  const now = Date.now();
  const users = Array.from({ length: 50 }, (_, i) => ({ id: `bench-user-${i}`, email: i === 0 ? "bench-admin@handshake.test" : `user${i}@handshake.test` }));
  const connectionIds = Array.from({ length: CONNECTIONS }, (_, i) => `bench-conn-${String(i).padStart(6, "0")}`);

  const insertUser = db.prepare(`INSERT INTO "User" (id, email, passwordHash, role, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertConnection = db.prepare(
    `INSERT INTO "Connection" (id, name, providerType, status, enabled, grantType, clientId, clientSecretEncrypted, clientSecretLast4, clientSecretSetAt, health, lastTestedAt, createdById, updatedById, createdAt, updatedAt)
     VALUES (?, ?, ?, 'ACTIVE', ?, ?, ?, ?, '1234', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTokenSet = db.prepare(
    `INSERT INTO "TokenSet" (id, connectionId, ownerKey, accessTokenEncrypted, refreshTokenEncrypted, expiresAt, obtainedAt, refreshedAt, createdAt, updatedAt) VALUES (?, ?, 'shared', 'v1.bench', ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO "AuditEvent" (seq, createdAt, actorId, actorEmail, actorRole, ip, userAgent, action, targetType, targetId, targetName, connectionId, details, prevHash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const started = Date.now();
  const firstDay = new Date(now - 365 * DAY_MS);
  db.transaction(() => {
    const created = sqliteDate(firstDay);
    for (const u of users) insertUser.run(u.id, u.email, adminHash, "ADMIN", created, created);
    connectionIds.forEach((id, i) => {
      const ts = (daysAgo: number) => sqliteDate(new Date(now - daysAgo * DAY_MS));
      const health = pick(["HEALTHY", "HEALTHY", "HEALTHY", "HEALTHY", "FAILING", "NOT_TESTED"]);
      insertConnection.run(
        id,
        `Bench connection ${String(i).padStart(6, "0")}`,
        pick(["custom", "salesforce", "entra", "google", "okta", "servicenow"]),
        random() < 0.9 ? 1 : 0,
        pick(["client_credentials", "authorization_code", "authorization_code_pkce"]),
        `client-${i}`,
        "v1.bench.secret",
        ts(random() * 400),
        health,
        health === "NOT_TESTED" ? null : ts(random() * 90),
        pick(users).id,
        pick(users).id,
        ts(365),
        ts(random() * 365),
      );
      if (random() < 0.5) {
        insertTokenSet.run(`bench-token-${i}`, id, random() < 0.6 ? "v1.bench.refresh" : null, ts(random() * 20 - 10), ts(30), random() < 0.5 ? ts(random() * 30) : null, ts(30), ts(1));
      }
    });

    let prevHash = GENESIS_HASH;
    const step = (365 * DAY_MS) / EVENTS;
    for (let seq = 1; seq <= EVENTS; seq += 1) {
      const action = pickAction();
      const user = pick(users);
      const connectionIndex = Math.floor(random() * CONNECTIONS);
      const onConnection = action.startsWith("connection.") || action === "token.refreshed";
      const details = action === "connection.updated"
        ? { diff: { scopes: { from: ["openid"], to: ["openid", `scope-${seq % 7}`] }, clientSecret: { changed: true, secret: true } } }
        : action === "connection.tested"
          ? { grantType: "client_credentials", targetHost: "login.example.com", outcome: random() < 0.85 ? "SUCCESS" : "FAILED" }
          : {};
      const content = {
        seq,
        createdAt: new Date(firstDay.getTime() + seq * step),
        actorId: user.id,
        actorEmail: user.email,
        actorRole: "ADMIN",
        ip: `10.0.${seq % 250}.${user.id.length}`,
        userAgent: "Mozilla/5.0 (X11; Linux x86_64) bench",
        action,
        targetType: onConnection ? "connection" : "user",
        targetId: onConnection ? connectionIds[connectionIndex]! : user.id,
        targetName: onConnection ? `Bench connection ${String(connectionIndex).padStart(6, "0")}` : user.email,
        connectionId: onConnection ? connectionIds[connectionIndex]! : null,
        details: JSON.stringify(details),
      };
      const hash = computeEventHash(auditKey, prevHash, content);
      insertEvent.run(
        seq,
        sqliteDate(content.createdAt),
        content.actorId,
        content.actorEmail,
        content.actorRole,
        content.ip,
        content.userAgent,
        content.action,
        content.targetType,
        content.targetId,
        content.targetName,
        content.connectionId,
        content.details,
        prevHash,
        hash,
      );
      prevHash = hash;
    }
  })();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  console.log(`seeded ${EVENTS.toLocaleString("en-US")} events, ${CONNECTIONS.toLocaleString("en-US")} connections in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { adminEmail: users[0]!.email, adminPassword, userEmails: users.map((u) => u.email), connectionIds, firstDay, lastDay: new Date(now) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

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

function cookiesFrom(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** next-auth v4 credentials sign-in: CSRF token and cookie, then the credentials callback. */
async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesFrom(csrf);
  const callback = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = cookiesFrom(callback).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed (HTTP ${callback.status})`);
  return [...jar, session].join("; ");
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function timePage(baseUrl: string, cookie: string, label: string, pathAndQuery: string, mustContain: string): Promise<{ label: string; median: number; p95: number; bytes: number }> {
  const fetchOnce = async () => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${pathAndQuery}`, { headers: { Cookie: cookie } });
    const body = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200 || !body.includes(mustContain)) throw new Error(`${label}: HTTP ${response.status}, expected content missing (${pathAndQuery})`);
    return { ms, bytes: body.length };
  };
  for (let i = 0; i < 3; i += 1) await fetchOnce();
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const { ms, bytes: b } = await fetchOnce();
    samples.push(ms);
    bytes = b;
  }
  samples.sort((a, b) => a - b);
  return { label, median: percentile(samples, 0.5), p95: percentile(samples, 0.95), bytes };
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
    for (const byte of value) if (byte === 10) lines += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const deciles = [0.1, 0.25, 0.5, 0.75, 0.9, 1].map((q) => samples[Math.max(0, Math.ceil(q * samples.length) - 1)] ?? baseline);
  return { format, bytes, records: format === "csv" ? lines - 1 : lines, seconds, baseline, peak, deciles };
}

async function main() {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) {
    console.error(`No production build in ${distDir}. Run \`npx next build\` first.`);
    process.exit(2);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "handshake-bench-"));
  process.env.DATA_DIR = dataDir;
  process.env.DATABASE_URL = "";
  let server: ChildProcess | undefined;
  try {
    const config = loadConfig();
    if (runPrisma(["migrate", "deploy"]) !== 0) throw new Error("migrations failed");
    const seeded = await seed(path.join(dataDir, "handshake.db"), config.auditKey);
    if (args["seed-only"]) return;

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
    server = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", DATA_DIR: dataDir, DATABASE_URL: "", PORT: String(port), APP_URL: baseUrl, NEXTAUTH_URL: baseUrl },
      stdio: ["ignore", "ignore", "inherit"],
    });
    await waitForHealth(baseUrl, server);
    const cookie = await signIn(baseUrl, seeded.adminEmail, seeded.adminPassword);
    console.log(`server on ${baseUrl} (pid ${server.pid}), signed in as ${seeded.adminEmail}; ${RUNS} timed runs per query after 3 warm-ups\n`);

    const rssBeforePages = treeRss(server.pid!);
    const weekStart = new Date(seeded.firstDay.getTime() + 180 * DAY_MS).toISOString().slice(0, 10);
    const weekEnd = new Date(seeded.firstDay.getTime() + 186 * DAY_MS).toISOString().slice(0, 10);
    const deepSeq = Math.max(2, Math.floor(EVENTS / 10));
    const row = 'data-testid="audit-row"';
    const results = [
      await timePage(baseUrl, cookie, "audit: first page", "/audit", row),
      await timePage(baseUrl, cookie, `audit: deep page (before=${deepSeq})`, `/audit?before=${deepSeq}`, row),
      await timePage(baseUrl, cookie, "audit: filter action (secret rotated)", "/audit?action=connection.secret_rotated", row),
      await timePage(baseUrl, cookie, "audit: filter actor", `/audit?actor=${encodeURIComponent(seeded.userEmails[7]!)}`, row),
      await timePage(baseUrl, cookie, "audit: filter connection", `/audit?connection=${seeded.connectionIds[1234 % CONNECTIONS]}`, row),
      await timePage(baseUrl, cookie, "audit: filter date range (1 week, mid-year)", `/audit?from=${weekStart}&to=${weekEnd}`, row),
      await timePage(baseUrl, cookie, "audit: filter date range (the whole year)", `/audit?from=${seeded.firstDay.toISOString().slice(0, 10)}&to=${seeded.lastDay.toISOString().slice(0, 10)}`, row),
      await timePage(baseUrl, cookie, "audit: filter end date only (a month in)", `/audit?to=${new Date(seeded.firstDay.getTime() + 30 * DAY_MS).toISOString().slice(0, 10)}`, row),
      await timePage(baseUrl, cookie, "audit: action + date range + deep cursor", `/audit?action=connection.tested&from=${weekStart}&to=${weekEnd}&before=${Math.floor(EVENTS / 2)}`, row),
      await timePage(baseUrl, cookie, "audit: actor + action (rare pair)", `/audit?actor=${encodeURIComponent(seeded.userEmails[3]!)}&action=keys.rotated`, "Audit"),
      await timePage(baseUrl, cookie, "inventory: first page", "/inventory", 'data-testid="inventory-row"'),
      await timePage(baseUrl, cookie, "inventory: failing, oldest secret first", "/inventory?failing=1&sort=secret_age", 'data-testid="inventory-row"'),
      await timePage(baseUrl, cookie, "inventory: not tested in 30 days + token expired", "/inventory?stale=1&tokenExpired=1", 'data-testid="inventory-row"'),
    ];
    console.log("Server response time, full body (ms):");
    console.log(`${"query".padEnd(52)} ${"median".padStart(8)} ${"p95".padStart(8)} ${"bytes".padStart(9)}`);
    for (const r of results) console.log(`${r.label.padEnd(52)} ${r.median.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${String(r.bytes).padStart(9)}`);
    console.log(`\nserver RSS before page runs: ${mb(rssBeforePages)}, after: ${mb(treeRss(server.pid!))}`);

    for (const format of ["csv", "jsonl"] as const) {
      const e = await measureExport(baseUrl, cookie, server.pid!, format);
      console.log(
        `\nfull export ${format}: ${e.records.toLocaleString("en-US")} events, ${mb(e.bytes)} in ${e.seconds.toFixed(1)} s (${(e.records / e.seconds).toFixed(0)} events/s)`,
      );
      console.log(`  server RSS: before ${mb(e.baseline)}, peak ${mb(e.peak)} (+${mb(e.peak - e.baseline)})`);
      console.log(`  RSS over the export at 10% / 25% / 50% / 75% / 90% / 100%: ${e.deciles.map(mb).join(" / ")}`);
    }
  } finally {
    if (server && server.exitCode === null) server.kill("SIGTERM");
    if (args.keep || args["seed-only"]) console.log(`\nkept the data directory ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
