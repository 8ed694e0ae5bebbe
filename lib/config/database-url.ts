import fs from "node:fs";
import path from "node:path";

/** Environment variables as read; NodeJS.ProcessEnv also demands NODE_ENV, which callers needn't set. */
export type EnvVars = Record<string, string | undefined>;

/** The data directory holds the embedded database and the generated keys. */
export function resolveDataDir(env: EnvVars): string {
  return path.resolve(env.DATA_DIR?.trim() || "data");
}

export type DatabaseKind = "sqlite" | "postgresql";

/** `postgres://` and `postgresql://` select PostgreSQL; anything else is the SQLite file. */
export function databaseKindOf(url: string): DatabaseKind {
  return /^postgres(ql)?:\/\//i.test(url.trim()) ? "postgresql" : "sqlite";
}

/**
 * DATABASE_URL, or the embedded SQLite file inside the data directory.
 * Relative `file:` paths are made absolute so the CLI and the server agree on one file.
 */
export function resolveDatabaseUrl(env: EnvVars): string {
  const configured = env.DATABASE_URL?.trim();
  if (configured && !configured.startsWith("file:")) return configured;
  const file = configured
    ? path.resolve(configured.slice("file:".length))
    : path.join(resolveDataDir(env), "handshake.db");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return `file:${file}`;
}

/** The database this process uses. Only DATABASE_URL selects PostgreSQL; read without side effects. */
export function currentDatabaseKind(env: EnvVars = process.env): DatabaseKind {
  return databaseKindOf(env.DATABASE_URL ?? "");
}

/**
 * A warning when a PostgreSQL URL leaves this machine without `sslmode=verify-full`: anything less
 * either sends the password and every secret in clear text or, in libpq's meaning of
 * `require`/`verify-ca`, accepts a server that is not the one named. Loopback and Unix sockets
 * never cross a network. Null when there is nothing to warn about.
 */
export function databaseTransportWarning(url: string): string | null {
  if (databaseKindOf(url) !== "postgresql") return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const socketHost = parsed.searchParams.get("host");
  const host = (socketHost ?? parsed.hostname).replace(/^\[|\]$/g, "").toLowerCase();
  const local =
    host === "" || host.startsWith("/") || host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
  if (local || parsed.searchParams.get("sslmode") === "verify-full") return null;
  return `DATABASE_URL reaches ${host} without sslmode=verify-full: add ?sslmode=verify-full (and sslrootcert=<CA file> for a private CA) so the connection is encrypted and the server is verified`;
}
