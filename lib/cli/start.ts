/**
 * `npm start` (and `npm run dev` with --dev): validate configuration, apply migrations,
 * bootstrap the first admin, build when no build exists, then serve.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { assertSharedSecrets, ConfigError, loadConfig } from "@/lib/config/env";
import { migrateDatabase } from "@/lib/cli/migrate";
import { databaseTransportWarning } from "@/lib/config/database-url";
import { nodeOptionsWithPeerAddress } from "@/lib/http/peer-address-check";
import { formatSetupCodeBanner, isServerReadyLine } from "@/lib/cli/setup-code-banner";

async function main() {
  const dev = process.argv.includes("--dev");
  let config;
  try {
    // Before loadConfig, which would generate secrets into the data directory.
    assertSharedSecrets();
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[handshake] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  if (config.generatedSecrets.length > 0) {
    console.info(
      `[handshake] generated ${config.generatedSecrets.join(", ")} into ${path.join(config.dataDir, "secrets.json")} (mode 0600)`,
    );
  }

  const transportWarning = databaseTransportWarning(config.databaseUrl);
  if (transportWarning) console.warn(`[handshake] ${transportWarning}`);

  const migrated = await migrateDatabase(config.databaseUrl, config.databaseTimeouts);
  if (!migrated.ok) {
    console.error(`[handshake] ${migrated.message}`);
    process.exit(1);
  }
  for (const name of migrated.applied) console.info(`[handshake] applied migration ${name}`);

  const { prisma } = await import("@/lib/db/prisma");
  const { bootstrapFirstAdmin } = await import("@/lib/auth/bootstrap");
  const outcome = await bootstrapFirstAdmin({ adminEmail: config.adminEmail, adminPassword: config.adminPassword });
  if (outcome.kind === "admin-created") console.info(`[handshake] created the first admin ${outcome.email}`);
  const setupBanner =
    outcome.kind === "setup-code"
      ? formatSetupCodeBanner({ code: outcome.code, setupUrl: `${config.appUrl}/setup` })
      : null;
  if (outcome.kind === "setup-code") {
    console.info(`[handshake] No users yet. Open ${config.appUrl}/setup and enter this one-time setup code:`);
    console.info(`[handshake] setup code: ${outcome.code}`);
  }
  if (config.auditRetentionDays !== undefined) {
    const { pruneAuditEvents } = await import("@/lib/audit/prune-audit-events");
    const { SYSTEM_ACTOR } = await import("@/lib/audit/record-audit-event");
    const pruned = await pruneAuditEvents({ retentionDays: config.auditRetentionDays, actor: SYSTEM_ACTOR });
    if (pruned.pruned)
      console.info(
        `[handshake] audit retention: pruned ${pruned.deletedCount} events older than ${config.auditRetentionDays} days`,
      );
  }
  await prisma.$disconnect();

  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  // Telemetry would try to reach the internet from machines that often have none.
  // The preload hands the TCP peer address to the app (lib/http/request-context.ts); NODE_OPTIONS
  // also reaches the server process `next dev` forks.
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? config.appUrl,
    NODE_OPTIONS: nodeOptionsWithPeerAddress(process.env.NODE_OPTIONS),
  };
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!dev && !fs.existsSync(path.join(distDir, "BUILD_ID"))) {
    console.info("[handshake] no build found; building (first start only)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  const child = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", String(config.port)], {
    stdio: ["inherit", setupBanner ? "pipe" : "inherit", "inherit"],
    env,
  });
  if (setupBanner && child.stdout) printAfterReady(child.stdout, setupBanner);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
}

/** Passes the server's output through and prints the banner once, after its "Ready" line. */
function printAfterReady(output: NodeJS.ReadableStream, banner: string) {
  let pending = "";
  let printed = false;
  output.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (printed) return;
    pending += chunk.toString("utf8");
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    if (lines.some(isServerReadyLine)) {
      printed = true;
      console.info(banner);
    }
  });
}

void main();
