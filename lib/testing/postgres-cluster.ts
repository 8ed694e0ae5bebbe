/**
 * A throw-away PostgreSQL cluster for tests and benchmarks: initdb into a temporary directory,
 * trust authentication on 127.0.0.1 only, stopped and deleted by stop(). No Docker: the server
 * binaries come from Debian's postgresql package (PG_BIN overrides where they live).
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export type PostgresCluster = { adminUrl: string; port: number; stop: () => void };

export function findPostgresBin(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  const newest = versions[0];
  return newest ? path.join(root, newest, "bin") : null;
}

// initdb refuses to run as root: run the server binaries as the postgres system user then.
function asServerUser(bin: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
}

function run(bin: string, args: string[]): void {
  const [command, commandArgs] = asServerUser(bin, args);
  execFileSync(command, commandArgs, { stdio: ["ignore", "pipe", "pipe"] });
}

export function startPostgresCluster(port: number): PostgresCluster {
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL server binaries not found (apt-get install postgresql, or set PG_BIN)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-pg-"));
  const dataDir = path.join(dir, "data");
  fs.mkdirSync(dataDir);
  if (process.getuid?.() === 0) execFileSync("chown", ["-R", "postgres:postgres", dir]);
  run(path.join(bin, "initdb"), [
    "-D",
    dataDir,
    "--auth=trust",
    "-U",
    "postgres",
    "--no-sync",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
  ]);
  // fsync off: a test cluster is thrown away, durability would only cost time.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  run(path.join(bin, "pg_ctl"), ["-D", dataDir, "-o", options, "-l", path.join(dir, "server.log"), "-w", "start"]);
  let stopped = false;
  return {
    adminUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: () => {
      if (stopped) return;
      stopped = true;
      const [command, args] = asServerUser(path.join(bin, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      spawnSync(command, args, { stdio: "ignore" });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** The first free port from `first` on (HANDSHAKE_TEST_POSTGRES_PORT, default 55432), at most 8 tried. */
export async function pickClusterPort(
  first = Number(process.env.HANDSHAKE_TEST_POSTGRES_PORT || 55432),
): Promise<number> {
  for (let port = first; port < first + 8; port += 1) if (await isPortFree(port)) return port;
  throw new Error(`no free port for a test PostgreSQL cluster in ${first}-${first + 7}`);
}

/** Runs `body` against a fresh cluster and always stops it, also on Ctrl-C. */
export async function withPostgresCluster<T>(body: (cluster: PostgresCluster) => Promise<T>): Promise<T> {
  const cluster = startPostgresCluster(await pickClusterPort());
  const stopOnSignal = () => {
    cluster.stop();
    process.exit(130);
  };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  try {
    return await body(cluster);
  } finally {
    process.off("SIGINT", stopOnSignal);
    process.off("SIGTERM", stopOnSignal);
    cluster.stop();
  }
}
