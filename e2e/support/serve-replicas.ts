/**
 * Two consoles (replicas A and B) on one throw-away PostgreSQL cluster, started at the same moment
 * (both apply migrations and bootstrap the admin at once), sharing only the secrets in E2E.replicaSecrets.
 * Writes the database URL to E2E.replicaDatabaseUrlFile for the specs' helper processes.
 * Usage: tsx e2e/support/serve-replicas.ts (Playwright's webServer; stops everything on SIGTERM).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { pickClusterPort, startPostgresCluster } from "../../lib/testing/postgres-cluster";
import { E2E } from "./env";

async function main() {
  fs.rmSync(E2E.replicaDataDir, { recursive: true, force: true });
  fs.mkdirSync(E2E.replicaDataDir, { recursive: true });
  const cluster = startPostgresCluster(await pickClusterPort());
  const children: ChildProcess[] = [];
  const stop = () => {
    for (const child of children) child.kill("SIGTERM");
    cluster.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  const admin = new Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "handshake"`);
  await admin.end();
  const databaseUrl = cluster.adminUrl.replace(/\/postgres$/, "/handshake");
  fs.writeFileSync(E2E.replicaDatabaseUrlFile, databaseUrl);

  for (const [name, port] of [
    ["a", E2E.replicaAPort],
    ["b", E2E.replicaBPort],
  ] as const) {
    const log = fs.createWriteStream(path.join(E2E.replicaDataDir, `replica-${name}.log`));
    const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/start.ts"], {
      env: {
        ...process.env,
        ...E2E.replicaSecrets,
        NODE_ENV: "production",
        DATA_DIR: path.join(E2E.replicaDataDir, name),
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        APP_URL: E2E.replicaBUrl,
        NEXTAUTH_URL: E2E.replicaBUrl,
        OUTBOUND_ALLOW_HTTP: "true",
        OUTBOUND_ALLOW_CIDRS: "127.0.0.0/8",
        ADMIN_EMAIL: E2E.admin.email,
        ADMIN_PASSWORD: E2E.admin.password,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    child.on("exit", (code) => {
      if (code)
        console.error(
          `[replicas] replica ${name} exited with ${code}; see ${path.join(E2E.replicaDataDir, `replica-${name}.log`)}`,
        );
    });
    children.push(child);
  }
}

void main();
