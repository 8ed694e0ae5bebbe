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
