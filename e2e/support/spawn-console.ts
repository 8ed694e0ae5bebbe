/**
 * A console process of a spec's own, on the built app and a fresh data directory: through
 * `npm start`'s script (lib/cli/start.ts) with the settings a spec needs, or as a bare `next start`
 * the way someone skipping the script would run it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../lib/testing/free-port";

export type SpawnedConsole = {
  url: string;
  /** Its data directory (the SQLite database), for the user CLI. */
  dataDir: string;
  output: () => string;
  exited: Promise<number | null>;
  stop: () => Promise<void>;
};

export async function spawnConsole(options: {
  via: "npm-start" | "next-start";
  env?: Record<string, string>;
  /** The host of its public URL: `localhost` where an IP address will not do (a WebAuthn RP ID is a domain). */
  host?: "127.0.0.1" | "localhost";
}): Promise<SpawnedConsole> {
  const port = await freePort();
  const url = `http://${options.host ?? "127.0.0.1"}:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-e2e-console-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NODE_OPTIONS: "",
    NEXT_TELEMETRY_DISABLED: "1",
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    PORT: String(port),
    APP_URL: url,
    NEXTAUTH_URL: url,
    ...options.env,
  };
  const args =
    options.via === "npm-start"
      ? ["--import", "tsx", "lib/cli/start.ts"]
      : [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"];
  const child: ChildProcess = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  for (const stream of [child.stdout!, child.stderr!])
    stream.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    url,
    dataDir,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** "serving" once the console answers HTTP at all (its health check), "exited" when the process ended first. */
export async function serveOrExit(server: SpawnedConsole): Promise<"serving" | "exited"> {
  let ended = false;
  void server.exited.then(() => (ended = true));
  while (!ended) {
    const answered = await fetch(`${server.url}/api/health`).then(
      () => true,
      () => false,
    );
    if (answered) return "serving";
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return "exited";
}
