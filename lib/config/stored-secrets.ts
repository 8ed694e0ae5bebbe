/**
 * The secrets a single-server install generates for itself (session, audit and encryption keys),
 * kept in <data dir>/secrets.json, readable by its owner only and replaced atomically.
 */
import fs from "node:fs";
import path from "node:path";

export type StoredSecrets = {
  nextauthSecret?: string;
  auditKey?: string;
  encryption?: { activeKeyId: string; keys: Record<string, string> };
};

export const SECRETS_FILE = "secrets.json";

export function readStoredSecrets(dataDir: string): StoredSecrets {
  const file = path.join(dataDir, SECRETS_FILE);
  if (!fs.existsSync(file)) return {};
  return JSON.parse(fs.readFileSync(file, "utf8")) as StoredSecrets;
}

export function writeStoredSecrets(dataDir: string, secrets: StoredSecrets): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SECRETS_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
}
