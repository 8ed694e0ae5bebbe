import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  assertSharedSecrets,
  ConfigError,
  loadConfig,
  loadDatabaseTimeouts,
  parseEncryptionKeyEnv,
} from "@/lib/config/env";

const dirs: string[] = [];
function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-config-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("loadConfig", () => {
  it("needs no variable: generates secrets once into the data directory with mode 0600", () => {
    const dataDir = tempDataDir();
    const first = loadConfig({ DATA_DIR: dataDir });
    expect(first.generatedSecrets).toEqual(["session secret", "audit HMAC key", "data-encryption key"]);
    expect(first.port).toBe(3000);
    expect(first.appUrl).toBe("http://localhost:3000");
    expect(first.databaseUrl).toBe(`file:${path.join(dataDir, "handshake.db")}`);
    const mode = fs.statSync(path.join(dataDir, "secrets.json")).mode & 0o777;
    expect(mode).toBe(0o600);

    const second = loadConfig({ DATA_DIR: dataDir });
    expect(second.generatedSecrets).toEqual([]);
    expect(second.nextauthSecret).toBe(first.nextauthSecret);
    expect(second.encryption.keys.k1?.equals(first.encryption.keys.k1!)).toBe(true);
  });

  it("lets the environment override the generated secrets", () => {
    const key = crypto.randomBytes(32).toString("base64");
    const config = loadConfig({
      DATA_DIR: tempDataDir(),
      NEXTAUTH_SECRET: "x".repeat(40),
      ENCRYPTION_KEY: key,
      AUDIT_HMAC_KEY: "y".repeat(40),
      PORT: "4000",
      APP_URL: "https://handshake.example.com/",
    });
    expect(config.generatedSecrets).toEqual([]);
    expect(config.nextauthSecret).toBe("x".repeat(40));
    expect(config.encryptionFromEnv).toBe(true);
    expect(config.appUrl).toBe("https://handshake.example.com");
    expect(config.port).toBe(4000);
  });

  it.each([
    [{ PORT: "http" }, /PORT/],
    [{ APP_URL: "not a url" }, /APP_URL/],
    [{ ADMIN_EMAIL: "nope" }, /ADMIN_EMAIL/],
    [{ ADMIN_PASSWORD: "short" }, /ADMIN_PASSWORD: must be at least 12 characters/],
    [{ OUTBOUND_ALLOW_HTTP: "yes" }, /OUTBOUND_ALLOW_HTTP/],
    [{ OUTBOUND_ALLOW_CIDRS: "10.0.0.0/8,banana" }, /OUTBOUND_ALLOW_CIDRS/],
    [{ NEXTAUTH_SECRET: "short" }, /NEXTAUTH_SECRET/],
    [{ SESSION_IDLE_MINUTES: "2" }, /SESSION_IDLE_MINUTES/],
    [{ SESSION_IDLE_MINUTES: "half an hour" }, /SESSION_IDLE_MINUTES/],
    [{ DATABASE_LOCK_TIMEOUT_MS: "0" }, /DATABASE_LOCK_TIMEOUT_MS/],
    [{ DATABASE_LOCK_TIMEOUT_MS: "10000" }, /DATABASE_LOCK_TIMEOUT_MS/],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: "soon" }, /DATABASE_STATEMENT_TIMEOUT_MS/],
    [{ AUDIT_MARK_DIR: "relative/marks" }, /AUDIT_MARK_DIR: must be an absolute path/],
    [{ AUDIT_MARK_REPLICA: "a/b" }, /AUDIT_MARK_REPLICA/],
  ])("refuses %o with a message naming the variable", (env, message) => {
    expect(() => loadConfig({ DATA_DIR: tempDataDir(), ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: tempDataDir(), ...env })).toThrow(message);
  });

  it("ends idle sessions after 30 minutes unless SESSION_IDLE_MINUTES says otherwise", () => {
    expect(loadConfig({ DATA_DIR: tempDataDir() }).sessionIdleMinutes).toBe(30);
    expect(loadConfig({ DATA_DIR: tempDataDir(), SESSION_IDLE_MINUTES: "15" }).sessionIdleMinutes).toBe(15);
  });

  it("parses flags and CIDR lists", () => {
    const config = loadConfig({
      DATA_DIR: tempDataDir(),
      OUTBOUND_ALLOW_HTTP: "true",
      OUTBOUND_ALLOW_CIDRS: "127.0.0.0/8, 10.1.0.0/16",
    });
    expect(config.outboundAllowHttp).toBe(true);
    expect(config.outboundAllowCidrs).toEqual(["127.0.0.0/8", "10.1.0.0/16"]);
  });

  it("writes audit head marks into the data directory under a file-safe host name, unless told otherwise", () => {
    const dataDir = tempDataDir();
    const defaults = loadConfig({ DATA_DIR: dataDir });
    expect(defaults.auditMarkDir).toBe(dataDir);
    expect(defaults.auditMarkReplica).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
    const shared = loadConfig({
      DATA_DIR: dataDir,
      AUDIT_MARK_DIR: "/mnt/audit-marks",
      AUDIT_MARK_REPLICA: "console-2",
    });
    expect(shared).toMatchObject({ auditMarkDir: "/mnt/audit-marks", auditMarkReplica: "console-2" });
  });
});

describe("PostgreSQL session timeouts", () => {
  it("bounds lock waits and statements by default, and takes the environment's values", () => {
    expect(loadConfig({ DATA_DIR: tempDataDir() }).databaseTimeouts).toEqual({
      lockTimeoutMs: 3000,
      statementTimeoutMs: 60000,
    });
    expect(loadDatabaseTimeouts({ DATABASE_LOCK_TIMEOUT_MS: "500", DATABASE_STATEMENT_TIMEOUT_MS: "120000" })).toEqual({
      lockTimeoutMs: 500,
      statementTimeoutMs: 120000,
    });
  });
});

describe("assertSharedSecrets", () => {
  const POSTGRES = { DATABASE_URL: "postgresql://handshake@db.internal:5432/handshake" };
  const SECRETS = {
    NEXTAUTH_SECRET: "x".repeat(40),
    ENCRYPTION_KEY: `k1:${crypto.randomBytes(32).toString("base64")}`,
    AUDIT_HMAC_KEY: "y".repeat(40),
  };

  it("refuses PostgreSQL without the shared secrets in the environment, in one line naming the missing ones", () => {
    const dataDir = tempDataDir();
    expect(() => assertSharedSecrets({ DATA_DIR: dataDir, ...POSTGRES })).toThrow(ConfigError);
    expect(() =>
      assertSharedSecrets({ DATA_DIR: dataDir, ...POSTGRES, NEXTAUTH_SECRET: SECRETS.NEXTAUTH_SECRET }),
    ).toThrow(/^on PostgreSQL set ENCRYPTION_KEY, AUDIT_HMAC_KEY in the environment, the same on every replica[^\n]*$/);
  });

  it("refuses a replica that generated its own secrets earlier: the data directory's are not shared", () => {
    const dataDir = tempDataDir();
    expect(loadConfig({ DATA_DIR: dataDir }).generatedSecrets).toHaveLength(3);
    expect(() => assertSharedSecrets({ DATA_DIR: dataDir, ...POSTGRES })).toThrow(
      /NEXTAUTH_SECRET, ENCRYPTION_KEY, AUDIT_HMAC_KEY/,
    );
  });

  it("accepts PostgreSQL with all three, and the SQLite default with none", () => {
    expect(() => assertSharedSecrets({ DATA_DIR: tempDataDir(), ...POSTGRES, ...SECRETS })).not.toThrow();
    expect(() => assertSharedSecrets({ DATA_DIR: tempDataDir() })).not.toThrow();
  });
});

describe("parseEncryptionKeyEnv", () => {
  it("accepts a keyring whose first key is active", () => {
    const a = crypto.randomBytes(32).toString("base64");
    const b = crypto.randomBytes(32).toString("base64");
    const ring = parseEncryptionKeyEnv(`new:${a},old:${b}`);
    expect(ring.activeKeyId).toBe("new");
    expect(Object.keys(ring.keys)).toEqual(["new", "old"]);
  });

  it("refuses a key of the wrong length", () => {
    expect(() => parseEncryptionKeyEnv(Buffer.alloc(16).toString("base64"))).toThrow(/32-byte/);
  });
});
