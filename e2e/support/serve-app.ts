/**
 * Starts one console instance for the end-to-end suite on a clean data directory, with the
 * server log also written to a file (the setup test reads the one-time code from it).
 * Usage: tsx e2e/support/serve-app.ts main|fresh
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { E2E } from "./env";
import { TEST_CLIENTS } from "./oidc-clients";

const which = process.argv[2] === "fresh" ? "fresh" : "main";
const dataDir = which === "fresh" ? E2E.freshAppDataDir : E2E.appDataDir;
const port = which === "fresh" ? E2E.freshAppPort : E2E.appPort;
const appUrl = which === "fresh" ? E2E.freshAppUrl : E2E.appUrl;

fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });
const log = fs.createWriteStream(which === "fresh" ? E2E.freshAppLog : `${E2E.stateDir}/app.log`);

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  DATA_DIR: dataDir,
  DATABASE_URL: "",
  PORT: String(port),
  APP_URL: appUrl,
  NEXTAUTH_URL: appUrl,
  OUTBOUND_ALLOW_HTTP: "true",
  OUTBOUND_ALLOW_CIDRS: "127.0.0.0/8",
  // The test CA of the authorization server's mutual-TLS listener, written before the consoles start.
  OUTBOUND_EXTRA_CA_FILE: E2E.mtlsCaCertificateFile,
  METRICS_ENABLED: "true",
  METRICS_TOKEN: E2E.metricsToken,
  ADMIN_EMAIL: which === "main" ? E2E.admin.email : "",
  ADMIN_PASSWORD: which === "main" ? E2E.admin.password : "",
  // A secret reference in an imported connections file ({"env": "E2E_IMPORTED_CLIENT_SECRET"}) resolves to this.
  E2E_IMPORTED_CLIENT_SECRET: TEST_CLIENTS.clientCredentialsBasic.clientSecret,
};

const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/start.ts"], {
  env,
  stdio: ["ignore", "pipe", "pipe"],
});
for (const stream of [child.stdout, child.stderr]) {
  stream.on("data", (chunk: Buffer) => {
    log.write(chunk);
    process.stdout.write(chunk);
  });
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
