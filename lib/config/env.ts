/**
 * The one module that reads the environment. Every variable is documented in .env.example.
 * On the embedded default nothing is required: missing secrets are generated once into the
 * data directory (mode 0600) and reused on every later start.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { readStoredSecrets, SECRETS_FILE, writeStoredSecrets } from "@/lib/config/stored-secrets";
import { booleanFlag, cidrList } from "@/lib/config/env-values";
import { SSO_ENV_SHAPE, ssoFromEnv, type EnvSso } from "@/lib/config/sso-env";
import { currentDatabaseKind, resolveDataDir, resolveDatabaseUrl, type EnvVars } from "@/lib/config/database-url";

// PostgreSQL session timeouts (lib/db/postgres-session.ts). The lock wait stays below Prisma's
// 5-second interactive transaction timeout, so a stalled lock is reported as a busy database.
const databaseTimeoutsSchema = z.object({
  DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().min(100).max(4_000).default(3_000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
});

const envSchema = databaseTimeoutsSchema.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ENCRYPTION_KEY: z.string().optional(),
  AUDIT_HMAC_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  OUTBOUND_ALLOW_HTTP: booleanFlag,
  OUTBOUND_ALLOW_CIDRS: cidrList,
  OUTBOUND_EXTRA_CA_FILE: z
    .string()
    .refine((v) => path.isAbsolute(v), { message: "must be an absolute path" })
    .optional(),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).optional(),
  // 400 days keeps a year of test history for an annual review.
  TEST_RUN_RETENTION_DAYS: z.coerce.number().int().min(1).default(400),
  AUDIT_MARK_DIR: z
    .string()
    .refine((v) => path.isAbsolute(v), { message: "must be an absolute path" })
    .optional(),
  AUDIT_MARK_REPLICA: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, "must be 1 to 64 letters, digits, '.', '_' or '-'")
    .optional(),
  TRUST_PROXY: booleanFlag,
  TRUST_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  TOKEN_REFRESH_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  TOKEN_REFRESH_COOLDOWN_SECONDS: z.coerce.number().int().min(1).max(3_600).default(30),
  NOTIFICATION_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3_600).default(10),
  METRICS_ENABLED: booleanFlag,
  METRICS_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
  METRICS_ALLOW_CIDRS: cidrList,
  // At least 5: activity is recorded once a minute, so shorter idle times would end active sessions.
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(480).default(30),
  ...SSO_ENV_SHAPE,
});

/** PostgreSQL session limits (lib/db/postgres-session.ts): how long to wait for a lock, and for a statement. */
export type PostgresTimeouts = { lockTimeoutMs: number; statementTimeoutMs: number };

export type EncryptionKeyring = { activeKeyId: string; keys: Record<string, Buffer> };

export type AppConfig = {
  port: number;
  appUrl: string;
  dataDir: string;
  databaseUrl: string;
  /** Set on every PostgreSQL session; unused on SQLite. */
  databaseTimeouts: PostgresTimeouts;
  nextauthSecret: string;
  encryption: EncryptionKeyring;
  encryptionFromEnv: boolean;
  auditKey: Buffer;
  adminEmail?: string;
  adminPassword?: string;
  outboundAllowHttp: boolean;
  outboundAllowCidrs: string[];
  /** PEM certificates of CAs the outbound fetch trusts besides Node's roots (a provider's private CA, the test server's). */
  outboundExtraCaPem?: string;
  auditRetentionDays?: number;
  /** Test runs older than this are pruned with their traces (lib/connection-tests/prune-test-runs.ts). */
  testRunRetentionDays: number;
  /** Where audit head marks are written: DATA_DIR, or a directory every replica shares. */
  auditMarkDir: string;
  /** This process's name in the marks it writes: one mark file per replica and chain. */
  auditMarkReplica: string;
  trustProxy: boolean;
  /** How many proxies in front of the console append to X-Forwarded-For (used with trustProxy). */
  trustProxyHops: number;
  /** Background token refresh: seconds between scans, 0 turns it off. */
  tokenRefreshIntervalSeconds: number;
  /** After a transient refresh failure, seconds without provider calls for that token set. */
  tokenRefreshCoolDownSeconds: number;
  /** Notification delivery: seconds between scans for due deliveries, 0 turns it off. */
  notificationIntervalSeconds: number;
  /** GET /metrics: off unless enabled; then a bearer token and/or client address ranges are required. */
  metrics: { enabled: boolean; token?: string; allowCidrs: string[] };
  /** A signed-in session ends after this many minutes without a request. */
  sessionIdleMinutes: number;
  /** Single sign-on from the environment (SSO_*), or undefined when the admin configures it in the console. */
  sso?: EnvSso;
  generatedSecrets: string[];
};

export class ConfigError extends Error {}

/** Parses `ENCRYPTION_KEY`: one base64 key, or a keyring `id:base64,id:base64` whose first key is active. */
export function parseEncryptionKeyEnv(value: string): EncryptionKeyring {
  const entries = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new ConfigError("ENCRYPTION_KEY is empty");
  const keys: Record<string, Buffer> = {};
  let activeKeyId = "";
  for (const entry of entries) {
    const [maybeId, maybeKey] = entry.includes(":") ? entry.split(":", 2) : [undefined, entry];
    const key = Buffer.from(maybeKey ?? "", "base64");
    if (key.length !== 32) {
      throw new ConfigError("ENCRYPTION_KEY must be a base64-encoded 32-byte key (openssl rand -base64 32)");
    }
    const id = maybeId || `env-${crypto.createHash("sha256").update(key).digest("hex").slice(0, 8)}`;
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id))
      throw new ConfigError(`ENCRYPTION_KEY key id "${id}" may only use letters, digits, - and _`);
    keys[id] = key;
    activeKeyId ||= id;
  }
  return { activeKeyId, keys };
}

function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
}

function withoutEmptyValues(env: EnvVars): EnvVars {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === "" ? undefined : v]));
}

/** The PostgreSQL session timeouts alone, for tools that need no secrets (migrations). */
export function loadDatabaseTimeouts(env: EnvVars = process.env): PostgresTimeouts {
  const parsed = databaseTimeoutsSchema.safeParse(withoutEmptyValues(env));
  if (!parsed.success) throw new ConfigError(`Invalid environment: ${formatIssues(parsed.error)}`);
  return {
    lockTimeoutMs: parsed.data.DATABASE_LOCK_TIMEOUT_MS,
    statementTimeoutMs: parsed.data.DATABASE_STATEMENT_TIMEOUT_MS,
  };
}

export const SHARED_SECRET_VARIABLES = ["NEXTAUTH_SECRET", "ENCRYPTION_KEY", "AUDIT_HMAC_KEY"] as const;

/**
 * On PostgreSQL the console may run as several replicas, and a replica with secrets of its own
 * would sign sessions, seal secrets and chain audit events no other replica accepts (a broken
 * chain that verify reports as tampering). So there the three secrets must come from the
 * environment; generating them stays the single-process SQLite default's convenience.
 */
export function assertSharedSecrets(env: EnvVars = process.env): void {
  if (currentDatabaseKind(env) !== "postgresql") return;
  const missing = SHARED_SECRET_VARIABLES.filter((name) => !env[name]?.trim());
  if (missing.length === 0) return;
  throw new ConfigError(
    `on PostgreSQL set ${missing.join(", ")} in the environment, the same on every replica (openssl rand -base64 32; ENCRYPTION_KEY as k1:<base64>); secrets generated per replica are refused`,
  );
}

/** Reads and validates the environment; generates missing secrets into the data directory. */
export function loadConfig(env: EnvVars = process.env): AppConfig {
  const parsed = envSchema.safeParse(withoutEmptyValues(env));
  if (!parsed.success) throw new ConfigError(`Invalid environment: ${formatIssues(parsed.error)}`);
  const e = parsed.data;

  if (e.METRICS_ENABLED && !e.METRICS_TOKEN && e.METRICS_ALLOW_CIDRS.length === 0)
    throw new ConfigError(
      "METRICS_ENABLED needs METRICS_TOKEN or METRICS_ALLOW_CIDRS: /metrics is never open to everyone",
    );
  const dataDir = resolveDataDir(env);
  const stored = readStoredSecrets(dataDir);
  const generated: string[] = [];

  if (!e.NEXTAUTH_SECRET && !stored.nextauthSecret) {
    stored.nextauthSecret = crypto.randomBytes(32).toString("base64url");
    generated.push("session secret");
  }
  if (!e.AUDIT_HMAC_KEY && !stored.auditKey) {
    stored.auditKey = crypto.randomBytes(32).toString("base64");
    generated.push("audit HMAC key");
  }
  if (!e.ENCRYPTION_KEY && !stored.encryption) {
    stored.encryption = { activeKeyId: "k1", keys: { k1: crypto.randomBytes(32).toString("base64") } };
    generated.push("data-encryption key");
  }
  if (generated.length > 0) writeStoredSecrets(dataDir, stored);

  const encryption = e.ENCRYPTION_KEY
    ? parseEncryptionKeyEnv(e.ENCRYPTION_KEY)
    : {
        activeKeyId: stored.encryption!.activeKeyId,
        keys: Object.fromEntries(
          Object.entries(stored.encryption!.keys).map(([id, k]) => [id, Buffer.from(k, "base64")]),
        ),
      };

  const appUrl = (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  return {
    port: e.PORT,
    appUrl,
    dataDir,
    databaseUrl: resolveDatabaseUrl(env),
    databaseTimeouts: {
      lockTimeoutMs: e.DATABASE_LOCK_TIMEOUT_MS,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    },
    nextauthSecret: e.NEXTAUTH_SECRET ?? stored.nextauthSecret!,
    encryption,
    encryptionFromEnv: Boolean(e.ENCRYPTION_KEY),
    auditKey: e.AUDIT_HMAC_KEY ? Buffer.from(e.AUDIT_HMAC_KEY, "utf8") : Buffer.from(stored.auditKey!, "base64"),
    adminEmail: e.ADMIN_EMAIL?.toLowerCase(),
    adminPassword: e.ADMIN_PASSWORD,
    outboundAllowHttp: e.OUTBOUND_ALLOW_HTTP,
    outboundAllowCidrs: e.OUTBOUND_ALLOW_CIDRS,
    outboundExtraCaPem: e.OUTBOUND_EXTRA_CA_FILE ? readExtraCa(e.OUTBOUND_EXTRA_CA_FILE) : undefined,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    testRunRetentionDays: e.TEST_RUN_RETENTION_DAYS,
    auditMarkDir: e.AUDIT_MARK_DIR ?? dataDir,
    // Host names may carry characters a file name should not.
    auditMarkReplica:
      e.AUDIT_MARK_REPLICA ??
      (os
        .hostname()
        .replace(/[^A-Za-z0-9._-]/g, "_")
        .slice(0, 64) ||
        "replica"),
    trustProxy: e.TRUST_PROXY,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    tokenRefreshIntervalSeconds: e.TOKEN_REFRESH_INTERVAL_SECONDS,
    tokenRefreshCoolDownSeconds: e.TOKEN_REFRESH_COOLDOWN_SECONDS,
    notificationIntervalSeconds: e.NOTIFICATION_INTERVAL_SECONDS,
    metrics: { enabled: e.METRICS_ENABLED, token: e.METRICS_TOKEN, allowCidrs: e.METRICS_ALLOW_CIDRS },
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sso: ssoFromEnv(e),
    generatedSecrets: generated,
  };
}

let cached: AppConfig | undefined;

/**
 * Re-reads the keyring from the data directory, so a running server picks up a key added by
 * `npm run keys -- rotate` without a restart. Returns whether anything changed.
 */
export function refreshEncryptionKeyring(): boolean {
  const config = getConfig();
  if (config.encryptionFromEnv) return false;
  const stored = readStoredSecrets(config.dataDir).encryption;
  if (!stored) return false;
  const known = Object.keys(config.encryption.keys).sort().join(",");
  if (known === Object.keys(stored.keys).sort().join(",") && stored.activeKeyId === config.encryption.activeKeyId)
    return false;
  config.encryption = {
    activeKeyId: stored.activeKeyId,
    keys: Object.fromEntries(Object.entries(stored.keys).map(([id, k]) => [id, Buffer.from(k, "base64")])),
  };
  return true;
}

/** The process-wide configuration, loaded once. */
export function getConfig(): AppConfig {
  if (!cached) {
    cached = loadConfig();
    if (cached.generatedSecrets.length > 0) {
      console.info(
        `[handshake] generated ${cached.generatedSecrets.join(", ")} into ${path.join(cached.dataDir, SECRETS_FILE)} (mode 0600)`,
      );
    }
  }
  return cached;
}

function readExtraCa(file: string): string {
  const pem = fs.readFileSync(file, "utf8");
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) {
    throw new Error(`OUTBOUND_EXTRA_CA_FILE: ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`);
  }
  return pem;
}
