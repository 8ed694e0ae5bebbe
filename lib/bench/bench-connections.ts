/**
 * npm run bench:connections [-- --connections 10000 --requests 60 --reuse-dir DIR]
 *
 * Seeds a temporary database with connections, starts the built console on it (`npm start`'s
 * path: migrations, then `next start`), signs in over HTTP like a browser (next-auth CSRF token,
 * then the credentials callback), and times the connection list page's server response: the
 * first page and a filtered search, median and p95 over repeated requests. The same cases through
 * the REST API (GET /api/v1/connections with a connections:read key, same page size) follow in
 * the same run, with the ratio API / page (goal ≤ 1.1). Needs a build
 * (`npx next build`); without one, the start script builds first. Then the inventory's views
 * (#26, goal ≤ 80 ms): all, credentials expiring within 30 days (soonest first), a deep page of
 * those, stale and failing. Runs on SQLite and PostgreSQL and prints both side by side
 * (lib/bench/compare-databases.ts; `-- --database sqlite|postgresql`). `--reuse-dir DIR` (SQLite only)
 * keeps the seeded database in DIR and reuses it on the next run: seeding 100,000 rows takes minutes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { freePort } from "@/lib/testing/free-port";
import { seededConnectionColumns, seededSecretColumns } from "@/lib/testing/seed-connection-row";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { currentDatabaseKind } from "@/lib/config/database-url";
import { createBenchApiKey } from "@/lib/bench/bench-api-key";
import { reportBenchRows, runBenchmark } from "@/lib/bench/compare-databases";
import { signInToConsole } from "@/lib/bench/console-sign-in";
import { waitForHealthy } from "@/lib/bench/http-load";
import { stopConsole } from "@/lib/bench/stop-console";
import { openMigratedDatabase } from "@/lib/bench/open-migrated-database";
import { waitForCheckPlacement } from "@/lib/bench/wait-for-check-placement";

const ADMIN = { email: "bench-admin@handshake.test", password: "bench-password-123456" };
const PROVIDERS = [
  "custom",
  "microsoft-entra-id",
  "google",
  "salesforce",
  "servicenow",
  "okta",
  "auth0",
  "keycloak",
  "github",
  "genesys-cloud",
];
const GRANTS = ["client_credentials", "authorization_code", "authorization_code_pkce"] as const;
const HEALTH = ["NOT_TESTED", "HEALTHY", "HEALTHY", "FAILING"];
/**
 * Last tests spread over about 35 days whatever the count, so the last ~14% of each provider's
 * names are stale (older than 30 days) and "stale + failing" matches at any size (as 30 s apart
 * each at 100,000 connections, the spread every earlier run measured).
 */
const TESTED_SPREAD_MS = 100_000 * 30_000;

type Timing = { label: string; url: string; samples: number[] };

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

/** Seeds the database; answers a connections:read API key for the REST cases. */
async function seed(rows: number): Promise<string> {
  const prisma = await openMigratedDatabase();
  const { createUser } = await import("@/lib/users/manage-users");
  const actor = { id: null, email: "bench", role: "SYSTEM", ip: null, userAgent: "bench" };
  const admin = await createUser(actor, { email: ADMIN.email, role: "ADMIN", password: ADMIN.password });
  const key = await createBenchApiKey(actor, "bench list", "connections:read");

  const now = Date.now();
  const chunk = 500;
  for (let start = 0; start < rows; start += chunk) {
    const data = [];
    for (let i = start; i < Math.min(rows, start + chunk); i++) {
      const id = `bench${String(i).padStart(6, "0")}`;
      const provider = PROVIDERS[i % PROVIDERS.length]!;
      const grantType = GRANTS[i % GRANTS.length]!;
      const draft = i % 10 === 0;
      const secret = `bench-secret-${i}-value`;
      const updatedAt = new Date(now - i * 60_000);
      const columns = seededConnectionColumns(
        {
          name: `${provider} connection ${String(i).padStart(5, "0")}`,
          description: `Seeded by the list benchmark (${i})`,
          providerType: provider,
          grantType,
          issuer: `https://id${i % 50}.example.com`,
          authorizationUrl: grantType === "client_credentials" ? "" : `https://id${i % 50}.example.com/authorize`,
          tokenUrl: `https://id${i % 50}.example.com/token`,
          clientId: `client-${i}`,
          scopes: ["openid", "email"],
        },
        {
          id,
          status: draft ? "DRAFT" : "ACTIVE",
          enabled: i % 17 !== 0,
          health: draft ? "NOT_TESTED" : HEALTH[i % HEALTH.length]!,
          lastTestedAt: draft || i % 4 === 0 ? null : new Date(now - (i / rows) * TESTED_SPREAD_MS),
          createdById: admin.id,
          updatedById: admin.id,
          createdAt: new Date(now - rows * 60_000 + i * 1000),
          updatedAt,
        },
      );
      // A third of the secrets and a tenth of the certificates carry an expiry, from a month ago to a year on.
      const expiry = (every: number, salt: number) =>
        i % every === 0 ? new Date(now + (((i * salt) % 430) - 30) * 86_400_000) : null;
      data.push({
        ...columns,
        ...(await seededSecretColumns(id, secret, columns)),
        clientSecretSetAt: updatedAt,
        clientSecretExpiresAt: expiry(3, 7),
        clientCertificateExpiresAt: expiry(10, 13),
      });
    }
    await prisma.connection.createMany({ data });
  }
  // After a bulk load PostgreSQL's autovacuum vacuums (inserts count since PostgreSQL 13) and
  // analyses the table within a minute; the benchmark measures that steady state (statistics, and
  // a visibility map that lets counts read indexes only) rather than the state right after the load.
  if (currentDatabaseKind() === "postgresql") await prisma.$executeRawUnsafe("VACUUM ANALYZE");
  await prisma.$disconnect();
  return key;
}

function startConsole(env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/start.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  for (const stream of [child.stdout!, child.stderr!])
    stream.on("data", (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
  child.on("exit", (code) => {
    if (code && !child.killed) console.error(`[bench] the console exited with ${code}:\n${log}`);
  });
  return child;
}

async function time(
  baseUrl: string,
  headers: Record<string, string>,
  timing: Timing,
  requests: number,
  mustContain: string,
): Promise<void> {
  for (let i = 0; i < requests + 5; i++) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${timing.url}`, { headers, redirect: "manual" });
    const body = await response.text();
    const elapsed = performance.now() - started;
    if (response.status !== 200 || !body.includes(mustContain)) {
      throw new Error(`${timing.url} answered ${response.status} without "${mustContain}"`);
    }
    if (i >= 5) timing.samples.push(elapsed); // the first five warm the server up
  }
}

/** Walks the API's cursors to the start of page `page`, as a client paging that deep would. */
async function findCursorOfPage(
  baseUrl: string,
  headers: Record<string, string>,
  list: string,
  page: number,
): Promise<string> {
  let cursor = "";
  for (let n = 1; n < page; n++) {
    const response = await fetch(`${baseUrl}${list}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, {
      headers,
    });
    const body = (await response.json()) as { next_cursor: string | null };
    if (!body.next_cursor) throw new Error(`the API list ended before page ${page}`);
    cursor = body.next_cursor;
  }
  return cursor;
}

async function main() {
  const { values } = parseArgs({
    options: {
      connections: { type: "string" },
      rows: { type: "string", default: "10000" },
      requests: { type: "string", default: "60" },
      "reuse-dir": { type: "string" },
      single: { type: "boolean" },
    },
  });
  const rows = Number(values.connections ?? values.rows);
  const requests = Number(values.requests);
  const reuseDir = currentDatabaseKind() === "sqlite" ? values["reuse-dir"] : undefined;
  const keyFile = reuseDir && path.join(reuseDir, "bench-api-key");
  const dataDir = reuseDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "handshake-bench-"));
  fs.mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // DATABASE_URL comes from the comparing parent: empty for SQLite, a fresh PostgreSQL database otherwise.
  Object.assign(process.env, { DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" });

  let child: ChildProcess | undefined;
  try {
    let started = performance.now();
    const reused = keyFile && fs.existsSync(keyFile) ? fs.readFileSync(keyFile, "utf8") : null;
    const apiKey = reused ?? (await seed(rows));
    if (keyFile && !reused) fs.writeFileSync(keyFile, apiKey, { mode: 0o600 });
    console.log(
      reused
        ? `[bench] reusing the ${rows} connections seeded in ${dataDir}`
        : `[bench] seeded ${rows} connections into ${dataDir} in ${Math.round(performance.now() - started)} ms`,
    );

    started = performance.now();
    child = startConsole({
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: baseUrl,
      NEXTAUTH_URL: baseUrl,
    });
    await waitForHealthy(`${baseUrl}/api/health`, 300_000);
    console.log(`[bench] console up on ${baseUrl} after ${Math.round(performance.now() - started)} ms`);
    await waitForCheckPlacement();
    const cookie = await signInToConsole(baseUrl, ADMIN.email, ADMIN.password);

    const timings: Timing[] = [
      { label: "first page", url: "/connections", samples: [] },
      { label: "search by name", url: "/connections?q=okta+connection+0", samples: [] },
      {
        label: "filters + sort",
        url: "/connections?status=healthy&grant=authorization_code_pkce&sort=name:asc",
        samples: [],
      },
      { label: "page 200", url: "/connections?page=200", samples: [] },
    ];
    const page = { cookie };
    await time(baseUrl, page, timings[0]!, requests, `${rows.toLocaleString("en")} connections`);
    await time(baseUrl, page, timings[1]!, requests, "okta connection 0");
    await time(baseUrl, page, timings[2]!, requests, 'data-testid="connection-row"');
    await time(baseUrl, page, timings[3]!, requests, 'data-testid="connection-row"');
    const inventoryTimings: Timing[] = [
      { label: "inventory", url: "/inventory", samples: [] },
      { label: "inventory expiring", url: "/inventory?expiresWithin=30", samples: [] },
      { label: "inventory exp. pg 50", url: "/inventory?expiresWithin=400&page=50", samples: [] },
      { label: "inventory stale+fail", url: "/inventory?stale=1&failing=1", samples: [] },
    ];
    for (const timing of inventoryTimings) await time(baseUrl, page, timing, requests, 'data-testid="inventory-row"');

    const api = { authorization: `Bearer ${apiKey}` };
    const { PAGE_SIZE } = await import("@/lib/connections/list-connections");
    const list = `/api/v1/connections?limit=${PAGE_SIZE}`;
    const deepCursor = await findCursorOfPage(baseUrl, api, list, 200);
    const apiTimings: Timing[] = [
      { label: "API first page", url: list, samples: [] },
      { label: "API search", url: `${list}&q=okta+connection+0`, samples: [] },
      { label: "API filters+sort", url: `${list}&status=healthy&grant=authorization_code_pkce&sort=name`, samples: [] },
      { label: "API page 200", url: `${list}&cursor=${encodeURIComponent(deepCursor)}`, samples: [] },
    ];
    for (const timing of apiTimings) await time(baseUrl, api, timing, requests, '"data":[{');

    console.log(
      `\nGET /connections server response time, ${rows} connections, ${requests} requests each (${os.cpus().length} CPUs)`,
    );
    console.log("case               median     p95      min      max");
    const all = [...timings, ...apiTimings, ...inventoryTimings];
    for (const t of all) {
      const sorted = [...t.samples].sort((a, b) => a - b);
      const f = (n: number) => `${n.toFixed(1)} ms`.padStart(9);
      console.log(
        `${t.label.padEnd(16)} ${f(percentile(sorted, 50))}${f(percentile(sorted, 95))}${f(sorted[0]!)}${f(sorted.at(-1)!)}   ${t.url}`,
      );
    }
    const median = (t: Timing) =>
      percentile(
        [...t.samples].sort((a, b) => a - b),
        50,
      );
    console.log("\nAPI / page median ratio (goal <= 1.1)");
    timings.forEach((t, i) => console.log(`${t.label.padEnd(16)} ${(median(apiTimings[i]!) / median(t)).toFixed(2)}`));
    reportBenchRows(
      all.map((t) => {
        const sorted = [...t.samples].sort((a, b) => a - b);
        return { label: t.label, median: percentile(sorted, 50), p95: percentile(sorted, 95) };
      }),
    );
  } finally {
    await stopConsole(child);
    if (!reuseDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runBenchmark("GET /connections server response time", "lib/bench/bench-connections.ts", main);
