/**
 * The one module that encrypts and decrypts secrets at rest (client secrets, tokens, PKCE verifiers).
 * AES-256-GCM with a fresh 96-bit IV per value; the record id and field name are bound in as
 * associated data so a ciphertext cannot be moved to another row or column.
 * Envelope: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts), so keys can rotate.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getConfig, refreshEncryptionKeyring, type EncryptionKeyring } from "@/lib/config/env";
import { SECRETS_FILE } from "@/lib/config/stored-secrets";

export type SecretContext = { recordId: string; field: string };

export class SecretDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretDecryptionError";
  }
}

const VERSION = "v1";

function associatedData({ recordId, field }: SecretContext): Buffer {
  return Buffer.from(`${recordId}|${field}`, "utf8");
}

let seenSecretsFile: string | undefined;

/**
 * The process's keyring, re-read when the data directory's secrets file changed since the last
 * look (`npm run keys -- rotate` in another process), so new secrets are sealed with the newly
 * active key without a restart. One stat per call; ENCRYPTION_KEY from the environment never changes.
 */
function currentKeyring(): EncryptionKeyring {
  const config = getConfig();
  if (!config.encryptionFromEnv) {
    const stat = fs.statSync(path.join(config.dataDir, SECRETS_FILE), { throwIfNoEntry: false });
    const seen = stat ? `${stat.mtimeMs}:${stat.size}:${stat.ino}` : "missing";
    if (seen !== seenSecretsFile) {
      refreshEncryptionKeyring();
      seenSecretsFile = seen;
    }
  }
  return getConfig().encryption;
}

export function encryptSecret(
  plaintext: string,
  context: SecretContext,
  keyring: EncryptionKeyring = currentKeyring(),
): string {
  const key = keyring.keys[keyring.activeKeyId];
  if (!key) throw new Error(`Active encryption key ${keyring.activeKeyId} is missing from the keyring`);
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(associatedData(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    VERSION,
    keyring.activeKeyId,
    iv.toString("base64url"),
    tag.toString("base64url"),
    ciphertext.toString("base64url"),
  ].join(".");
}

export function decryptSecret(envelope: string, context: SecretContext, keyring?: EncryptionKeyring): string {
  const parts = envelope.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretDecryptionError("Unrecognised secret envelope");
  const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
  // A key rotated in by the CLI while this process runs is picked up from the data directory.
  if (!keyring && !getConfig().encryption.keys[keyId]) refreshEncryptionKeyring();
  const key = (keyring ?? getConfig().encryption).keys[keyId];
  if (!key) throw new SecretDecryptionError(`Encryption key ${keyId} is not configured`);
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(associatedData(context));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError("Secret failed its integrity check (tampered, moved, or wrong key)");
  }
}

/** The key id an envelope was sealed with. */
export function keyIdOf(envelope: string): string | undefined {
  return envelope.split(".")[1];
}

/** Re-seals an envelope under the active key; returns it unchanged when already current. */
export function reencryptSecret(
  envelope: string,
  context: SecretContext,
  keyring: EncryptionKeyring = getConfig().encryption,
): string {
  if (keyIdOf(envelope) === keyring.activeKeyId) return envelope;
  return encryptSecret(decryptSecret(envelope, context, keyring), context, keyring);
}

/** Every column that holds a secret envelope, by table: column → the field name bound into its associated data. */
const ENCRYPTED_COLUMNS_BY_TABLE = {
  Connection: {
    clientSecretEncrypted: "clientSecret",
    privateKeyEncrypted: "privateKey",
    nextPrivateKeyEncrypted: "nextPrivateKey",
    clientCertificateKeyEncrypted: "clientCertificateKey",
    dpopKeyEncrypted: "dpopKey",
  },
  TokenSet: {
    accessTokenEncrypted: "accessToken",
    refreshTokenEncrypted: "refreshToken",
    idTokenEncrypted: "idToken",
    dpopKeyEncrypted: "dpopKey",
  },
  PendingAuthorization: { codeVerifierEncrypted: "codeVerifier", nonceEncrypted: "nonce" },
  NotificationChannel: {
    webhookUrlEncrypted: "webhookUrl",
    webhookSecretEncrypted: "webhookSecret",
    smtpPasswordEncrypted: "smtpPassword",
  },
  UserTotp: { secretEncrypted: "totpSecret" },
};

/** The same columns as rows of table, column and field, as key rotation walks them. */
export const ENCRYPTED_COLUMNS = Object.entries(ENCRYPTED_COLUMNS_BY_TABLE).flatMap(([table, columns]) =>
  Object.entries(columns).map(([column, field]) => ({ table, column, field })),
);

/** Display hint for a stored secret: never more than its last four characters. */
export function secretHint(plaintext: string): string {
  return plaintext.length >= 8 ? plaintext.slice(-4) : "";
}
