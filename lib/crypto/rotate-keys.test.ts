import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";
import { SYSTEM_ACTOR } from "@/lib/audit/record-audit-event";

const db = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { getConfig } = await import("@/lib/config/env");
const { encryptSecret, decryptSecret, keyIdOf } = await import("@/lib/crypto/secret-box");
const { addKeyToDataDir, countEnvelopesByKey, reencryptAll, UnreadableSecretsError } =
  await import("@/lib/crypto/rotate-keys");

beforeAll(async () => {
  await prisma.connection.create({ data: { id: "conn_a", name: "Rotation A" } });
  await prisma.connection.update({
    where: { id: "conn_a" },
    data: {
      clientSecretEncrypted: encryptSecret("secret-of-connection-a", { recordId: "conn_a", field: "clientSecret" }),
    },
  });
  // The token API's placeholder before a connection's first client-credentials token: nothing sealed yet.
  await prisma.tokenSet.create({
    data: { connectionId: "conn_a", ownerKey: "shared", accessTokenEncrypted: "", expiresAt: new Date(0) },
  });
});

afterAll(async () => {
  await prisma.$disconnect();
  db.cleanup();
});

describe("key rotation", () => {
  it("adds a key, re-encrypts every stored secret under it (an empty placeholder holds none), audits it, and a running process still decrypts", async () => {
    expect(await countEnvelopesByKey()).toEqual({ k1: 1 });
    const keyring = addKeyToDataDir(db.dataDir);
    expect(keyring.activeKeyId).toBe("k2");

    const changed = await reencryptAll(keyring, SYSTEM_ACTOR);
    expect(changed).toBe(1);
    expect(await countEnvelopesByKey()).toEqual({ k2: 1 });

    const row = await prisma.connection.findUniqueOrThrow({ where: { id: "conn_a" } });
    expect(keyIdOf(row.clientSecretEncrypted!)).toBe("k2");
    // This process loaded its keyring before the rotation: decryption picks the new key up from disk.
    expect(getConfig().encryption.keys.k2).toBeUndefined();
    expect(decryptSecret(row.clientSecretEncrypted!, { recordId: "conn_a", field: "clientSecret" })).toBe(
      "secret-of-connection-a",
    );

    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "keys.rotated" } });
    expect(event.details).toContain('"reencrypted":1');
    expect(event.details).not.toContain("secret-of-connection-a");
  });

  it("stops before changing anything when a stored value opens with no configured key, and names it", async () => {
    await prisma.connection.create({
      data: { id: "conn_b", name: "Rotation B", clientSecretEncrypted: "not-an-envelope" },
    });
    const before = await prisma.connection.findUniqueOrThrow({ where: { id: "conn_a" } });
    const keyring = addKeyToDataDir(db.dataDir);

    const failure = await reencryptAll(keyring, SYSTEM_ACTOR).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnreadableSecretsError);
    expect((failure as Error).message).toContain("Connection.clientSecretEncrypted of conn_b");
    expect((await prisma.connection.findUniqueOrThrow({ where: { id: "conn_a" } })).clientSecretEncrypted).toBe(
      before.clientSecretEncrypted,
    );
    expect(await prisma.auditEvent.count({ where: { action: "keys.rotated" } })).toBe(1);
  });
});
