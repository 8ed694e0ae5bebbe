/**
 * npm run keys -- rotate     add a new data-encryption key, make it active, re-encrypt every stored secret
 * npm run keys -- reencrypt  re-encrypt under the active key (after changing ENCRYPTION_KEY's keyring)
 * npm run keys -- status     show which key each stored secret is sealed with
 * npm run keys -- api-key --name <name> [--permissions tokens:read,…] [--connections <id or name>,…]
 *                            create an API key (least privilege: tokens:read unless named; all
 *                            connections unless named) and print it once
 */
import { parseArgs } from "node:util";
import { CLI_ACTOR, loadConfigOrExit, runAgainstDatabase, usageFor } from "@/lib/cli/cli-support";

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
  const { addKeyToDataDir, countEnvelopesByKey, reencryptAll, UnreadableSecretsError } =
    await import("@/lib/crypto/rotate-keys");
  await runAgainstDatabase(UnreadableSecretsError, async () => {
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
    } else if (command === "api-key") {
      process.exitCode = await createApiKeyFromCli(process.argv.slice(3));
    } else if (command === "reencrypt") {
      const changed = await reencryptAll(config.encryption, CLI_ACTOR);
      console.log(`re-encrypted ${changed} stored secret(s) under ${config.encryption.activeKeyId}`);
    } else {
      console.error("usage: npm run keys -- rotate | reencrypt | status | api-key --name <name> [--permissions …]");
      process.exit(2);
    }
  });
}

/** Validated by the console form's own schema, so the CLI refuses exactly what the form refuses. */
async function createApiKeyFromCli(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { name: { type: "string" }, permissions: { type: "string" }, connections: { type: "string" } },
  });
  const { createApiKeySchema, defaultApiKeyValues } = await import("@/lib/schemas/api-key");
  const { createApiKey } = await import("@/lib/api-keys/manage-api-keys");
  const { prisma } = await import("@/lib/db/prisma");
  const refs = (values.connections ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const connections = await prisma.connection.findMany({
    where: { OR: [{ id: { in: refs } }, { name: { in: refs } }] },
    select: { id: true, name: true },
  });
  const unknown = refs.filter((ref) => !connections.some((c) => c.id === ref || c.name === ref));
  if (unknown.length) {
    console.error(`no connection has the id or name: ${unknown.join(", ")}`);
    return 2;
  }
  const parsed = createApiKeySchema.safeParse({
    ...defaultApiKeyValues(),
    name: values.name ?? "",
    ...(values.permissions ? { permissions: values.permissions.split(",").map((p) => p.trim()) } : {}),
    access: refs.length ? "chosen" : "all",
    connectionIds: connections.map((c) => c.id),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${String(issue.path[0] ?? "name")}: ${issue.message}`);
    return 2;
  }
  const created = await createApiKey(CLI_ACTOR, parsed.data);
  console.error(`created API key “${created.name}” with ${parsed.data.permissions.join(", ")}; it is shown only now:`);
  console.log(created.key);
  return 0;
}

void main();
