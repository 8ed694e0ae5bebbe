/**
 * npm run keys -- rotate     add a new data-encryption key, make it active, re-encrypt every stored secret
 * npm run keys -- reencrypt  re-encrypt under the active key (after changing ENCRYPTION_KEY's keyring)
 * npm run keys -- status     show which key each stored secret is sealed with
 */
import { CLI_ACTOR, loadConfigOrExit, usageFor } from "@/lib/cli/cli-support";

/**
 * With ENCRYPTION_KEY in the environment (always, on PostgreSQL) every replica holds the keyring,
 * so one command cannot rotate it: the order keeps every replica able to open every secret.
 */
function rollKeyringSteps(keyIds: string[]): string[] {
  const current = keyIds.map((id) => `${id}:<base64>`).join(",");
  const next = `k${Math.max(0, ...keyIds.map((id) => Number(/^k(\d+)$/.exec(id)?.[1] ?? 0))) + 1}`;
  return [
    "ENCRYPTION_KEY is set in the environment, so the keyring is rolled on every replica, in this order:",
    `  1. new key: openssl rand -base64 32; on EVERY replica set ENCRYPTION_KEY=${next}:<new base64>,${current}`,
    "     (the new key first, so it seals; the old keys still listed, so every replica opens what they sealed)",
    "  2. restart every replica; until all have restarted, some still seal with the old key",
    "  3. once, from any one of them: npm run keys -- reencrypt (re-seals every stored secret under the new key, audited)",
    "  4. npm run keys -- status shows no secret left under the old keys: drop them from ENCRYPTION_KEY everywhere and restart",
  ];
}

async function main() {
  const config = loadConfigOrExit(usageFor([]));
  const command = process.argv[2];
  const { prisma } = await import("@/lib/db/prisma");
  const { addKeyToDataDir, countEnvelopesByKey, reencryptAll, UnreadableSecretsError } =
    await import("@/lib/crypto/rotate-keys");
  try {
    if (command === "status") {
      console.log(
        `active key: ${config.encryption.activeKeyId}; keys: ${Object.keys(config.encryption.keys).join(", ")}`,
      );
      console.log(`stored secrets per key: ${JSON.stringify(await countEnvelopesByKey())}`);
    } else if (command === "rotate") {
      if (config.encryptionFromEnv) {
        for (const line of rollKeyringSteps(Object.keys(config.encryption.keys))) console.error(line);
        process.exit(1);
      }
      const keyring = addKeyToDataDir(config.dataDir);
      console.log(`added key ${keyring.activeKeyId} to the data directory; new secrets are sealed with it`);
      const changed = await reencryptAll(keyring, CLI_ACTOR);
      console.log(`new active key ${keyring.activeKeyId}; re-encrypted ${changed} stored secret(s)`);
    } else if (command === "reencrypt") {
      const changed = await reencryptAll(config.encryption, CLI_ACTOR);
      console.log(`re-encrypted ${changed} stored secret(s) under ${config.encryption.activeKeyId}`);
    } else {
      console.error("usage: npm run keys -- rotate | reencrypt | status");
      process.exit(2);
    }
  } catch (error) {
    if (!(error instanceof UnreadableSecretsError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
  }
}

void main();
