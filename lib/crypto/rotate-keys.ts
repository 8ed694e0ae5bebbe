/**
 * Key rotation: a new key becomes active in the data directory's keyring (old keys stay for
 * decryption), then every stored envelope is re-sealed under it in one transaction with its
 * audit event.
 */
import crypto from "node:crypto";
import { Prisma } from "@/lib/db/generated/client";
import { prisma as db } from "@/lib/db/prisma";
import type { EncryptionKeyring } from "@/lib/config/env";
import { readStoredSecrets, writeStoredSecrets } from "@/lib/config/stored-secrets";
import { ENCRYPTED_COLUMNS, keyIdOf, reencryptSecret, SecretDecryptionError } from "@/lib/crypto/secret-box";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";

export function addKeyToDataDir(dataDir: string): EncryptionKeyring {
  const stored = readStoredSecrets(dataDir);
  if (!stored.encryption) throw new Error("No keyring in the data directory yet: start Handshake once first.");
  const numbers = Object.keys(stored.encryption.keys).map((id) => Number(/^k(\d+)$/.exec(id)?.[1] ?? 0));
  const id = `k${Math.max(0, ...numbers) + 1}`;
  stored.encryption = {
    activeKeyId: id,
    keys: { ...stored.encryption.keys, [id]: crypto.randomBytes(32).toString("base64") },
  };
  writeStoredSecrets(dataDir, stored);
  return {
    activeKeyId: id,
    keys: Object.fromEntries(Object.entries(stored.encryption.keys).map(([k, v]) => [k, Buffer.from(v, "base64")])),
  };
}

// An empty column seals nothing (the token API's placeholder before a first token): skipped, not decrypted.

/** Counts of stored envelopes per key id. */
export async function countEnvelopesByKey(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { table, column } of ENCRYPTED_COLUMNS) {
    const rows = await db.$queryRawUnsafe<Array<{ value: string }>>(
      `SELECT "${column}" AS value FROM "${table}" WHERE "${column}" IS NOT NULL AND "${column}" <> ''`,
    );
    for (const { value } of rows) {
      const id = keyIdOf(value) ?? "unknown";
      counts[id] = (counts[id] ?? 0) + 1;
    }
  }
  return counts;
}

/** Stored values no configured key opens: re-encryption stops before changing anything and names them. */
export class UnreadableSecretsError extends Error {
  constructor(readonly unreadable: string[]) {
    super(
      `${unreadable.length} stored secret(s) cannot be decrypted with any configured key, so nothing was re-encrypted:\n` +
        unreadable.map((where) => `  ${where}`).join("\n") +
        "\nRestore the key they were sealed with (ENCRYPTION_KEY or the data directory's secrets.json), or clear those values, then run `npm run keys -- reencrypt`.",
    );
    this.name = "UnreadableSecretsError";
  }
}

export async function reencryptAll(keyring: EncryptionKeyring, actor: AuditActor): Promise<number> {
  return db.$transaction(
    async (tx) => {
      let changed = 0;
      const unreadable: string[] = [];
      for (const { table, column, field } of ENCRYPTED_COLUMNS) {
        const rows = await tx.$queryRawUnsafe<Array<{ id: string; value: string }>>(
          `SELECT "id" AS id, "${column}" AS value FROM "${table}" WHERE "${column}" IS NOT NULL AND "${column}" <> ''`,
        );
        for (const row of rows) {
          let sealed: string;
          try {
            sealed = reencryptSecret(row.value, { recordId: row.id, field }, keyring);
          } catch (error) {
            if (!(error instanceof SecretDecryptionError)) throw error;
            unreadable.push(`${table}.${column} of ${row.id}: ${error.message}`);
            continue;
          }
          if (sealed === row.value) continue;
          // Tagged SQL: each database gets its own placeholders (SQLite ?, PostgreSQL $1).
          await tx.$executeRaw(
            Prisma.sql`UPDATE ${Prisma.raw(`"${table}"`)} SET ${Prisma.raw(`"${column}"`)} = ${sealed} WHERE "id" = ${row.id}`,
          );
          changed += 1;
        }
      }
      // Throwing rolls the transaction back: every value stays as it was.
      if (unreadable.length) throw new UnreadableSecretsError(unreadable);
      await recordAuditEvent(tx, {
        actor,
        action: "keys.rotated",
        target: { type: "keyring", id: keyring.activeKeyId, name: `active key ${keyring.activeKeyId}` },
        details: { activeKeyId: keyring.activeKeyId, reencrypted: changed },
      });
      return changed;
    },
    { timeout: 120_000 },
  );
}
