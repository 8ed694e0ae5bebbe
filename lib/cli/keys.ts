/**
 * npm run keys -- rotate     add a new data-encryption key, make it active, re-encrypt every stored secret
 * npm run keys -- reencrypt  re-encrypt under the active key (after changing ENCRYPTION_KEY's keyring)
 * npm run keys -- status     show which key each stored secret is sealed with
 */
import { CLI_ACTOR, loadConfigOrExit, usageFor } from "@/lib/cli/cli-support";

async function main() {
  const config = loadConfigOrExit(usageFor([]));
  const command = process.argv[2];
  const { prisma } = await import("@/lib/db/prisma");
  const { addKeyToDataDir, countEnvelopesByKey, reencryptAll, UnreadableSecretsError } = await import("@/lib/crypto/rotate-keys");
  try {
    if (command === "status") {
      console.log(`active key: ${config.encryption.activeKeyId}; keys: ${Object.keys(config.encryption.keys).join(", ")}`);
      console.log(`stored secrets per key: ${JSON.stringify(await countEnvelopesByKey())}`);
    } else if (command === "rotate") {
      if (config.encryptionFromEnv) {
        console.error("ENCRYPTION_KEY is set in the environment, so the keyring is yours to manage:");
        console.error("put a new key first (ENCRYPTION_KEY=new:<base64>,old:<base64>), restart, then run `npm run keys -- reencrypt`.");
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
