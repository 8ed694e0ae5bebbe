/**
 * npm run bench:import-plan [-- --rows 1000 --runs 7]
 *
 * Seeds a temporary SQLite database with active connections (settings through the field
 * registry's codecs, secrets sealed as a save seals them), exports them as a connections file and
 * times planImport of that file: median and p95 over several runs, once with every connection
 * unchanged (each secret compared with the stored one) and once with every connection changed.
 * Goal (#23): under 2 s for 1,000 connections.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { seededConnectionColumns, seededSecretColumns } from "@/lib/testing/seed-connection-row";
import { openMigratedDatabase } from "@/lib/bench/open-migrated-database";

const GRANTS = ["client_credentials", "authorization_code", "authorization_code_pkce"] as const;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

async function seed(rows: number): Promise<Map<string, string>> {
  const prisma = await openMigratedDatabase();
  const secrets = new Map<string, string>();
  const data = [];
  for (let i = 0; i < rows; i++) {
    const id = `plan${String(i).padStart(6, "0")}`;
    const grantType = GRANTS[i % GRANTS.length]!;
    const name = `plan connection ${String(i).padStart(5, "0")}`;
    const secret = `plan-secret-${i}-value`;
    secrets.set(name, secret);
    const columns = seededConnectionColumns(
      {
        name,
        description: `Seeded by the import plan benchmark (${i})`,
        grantType,
        issuer: `https://id${i % 50}.example.com`,
        authorizationUrl: grantType === "client_credentials" ? "" : `https://id${i % 50}.example.com/authorize`,
        tokenUrl: `https://id${i % 50}.example.com/token`,
        clientId: `client-${i}`,
        clientAuthMethod: "client_secret_basic",
        scopes: grantType === "client_credentials" ? ["api.read"] : ["openid", "email"],
        tokenParams: [{ key: "tenant", value: `t${i}` }],
      },
      { id },
    );
    data.push({ ...columns, ...(await seededSecretColumns(id, secret, columns)) });
  }
  await prisma.connection.createMany({ data });
  return secrets;
}

async function time(label: string, runs: number, work: () => Promise<void>) {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const [median, p95] = [percentile(samples, 50), percentile(samples, 95)];
  console.log(`${label.padEnd(34)} median ${median.toFixed(0).padStart(6)} ms   p95 ${p95.toFixed(0).padStart(6)} ms`);
  return median;
}

async function main() {
  const { values } = parseArgs({ options: { rows: { type: "string" }, runs: { type: "string" } } });
  const rows = Number(values.rows ?? 1000);
  const runs = Number(values.runs ?? 7);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-bench-import-plan-"));
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  delete process.env.ENCRYPTION_KEY;
  try {
    const secrets = await seed(rows);
    const { exportConnections, formatConnectionsFile } = await import("@/lib/connections-file/export-connections");
    const { planImport } = await import("@/lib/connections-file/plan-import");
    const file = await exportConnections({});
    const env = Object.fromEntries(file.connections.map((c) => [c.clientSecret!.env, secrets.get(c.name)]));
    const text = formatConnectionsFile(file, "json");
    const changed = text.replaceAll("Seeded by the import plan benchmark", "Imported by the plan benchmark");
    console.log(`${rows} connections, file ${(text.length / 1024).toFixed(0)} KiB, ${runs} runs each (SQLite)`);
    const check = async (source: string, action: string) => {
      const plan = await planImport(source, { env });
      if (plan.errors.length || plan.entries.some((e) => e.action !== action))
        throw new Error(`unexpected plan: ${JSON.stringify(plan.errors.slice(0, 3))}`);
    };
    const unchanged = await time("plan, every connection unchanged", runs, () => check(text, "unchanged"));
    const updated = await time("plan, every connection updated", runs, () => check(changed, "update"));
    const worst = Math.max(unchanged, updated);
    console.log(`goal < 2000 ms for 1,000 connections: ${worst < 2000 ? "met" : "NOT met"} (${worst.toFixed(0)} ms)`);
    const { prisma } = await import("@/lib/db/prisma");
    await prisma.$disconnect();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
