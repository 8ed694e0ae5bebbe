/**
 * private_key_jwt keys the console manages, against a real SQLite database: generated or imported
 * (PEM, JWK, with a certificate), sealed (the private key in no column or audit event in the
 * clear), audited with the kid only, refused with a message for the field, and required to save.
 */
import "reflect-metadata";
import crypto from "node:crypto";
import { X509Certificate as PeculiarCertificate, X509CertificateGenerator } from "@peculiar/x509";
import { calculateJwkThumbprint } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/db/generated/client";
import { createTestDatabase } from "@/lib/testing/test-database";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { ApplicationError } from "@/lib/errors/application-error";
import { activateConnection, saveConnectionDraft } from "@/lib/connections/manage-connections";
import { clientPublicKeyOf, storeConnectionClientKey } from "@/lib/connections/connection-client-key";
import { CLIENT_KEY_DEFAULTS, type ClientKeyInput } from "@/lib/schemas/client-key";
import { createConnectionSchemas, EMPTY_CONNECTION_VALUES } from "@/lib/schemas/connection";

let cleanup: () => void;
let db: PrismaClient;
let actor: AuditActor;

beforeAll(async () => {
  cleanup = createTestDatabase().cleanup;
  db = (await import("@/lib/db/prisma")).prisma;
  const admin = await db.user.create({ data: { email: "admin@keys.test", passwordHash: "x", role: "ADMIN" } });
  actor = { id: admin.id, email: admin.email, role: "ADMIN", ip: "127.0.0.1", userAgent: "vitest" };
});

afterAll(async () => {
  await db.$disconnect();
  cleanup();
});

async function draft(name: string) {
  return saveConnectionDraft(actor, { reachedStep: 1, input: { name } });
}

async function store(connectionId: string, input: Partial<ClientKeyInput>) {
  return storeConnectionClientKey(actor, { connectionId, input: { ...CLIENT_KEY_DEFAULTS, ...input } });
}

async function refusal(connectionId: string, input: Partial<ClientKeyInput>) {
  const error = await store(connectionId, input).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApplicationError);
  return { field: (error as ApplicationError).field, message: (error as ApplicationError).message };
}

async function selfSignedCertificate(keys: CryptoKeyPair, notAfter = new Date(Date.now() + 86_400_000)) {
  const certificate = await X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: "CN=handshake-unit",
    notBefore: new Date(),
    notAfter,
    keys,
    signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
  });
  return certificate as PeculiarCertificate;
}

describe("keys the console manages", () => {
  it.each(["ES256", "RS256", "PS256"] as const)(
    "generates an %s key, seals it and publishes only the public half",
    async (algorithm) => {
      const { id } = await draft(`generated ${algorithm}`);
      const summary = await store(id, { algorithm });
      expect(summary).toMatchObject({ alg: algorithm, certificate: false });
      const row = await db.connection.findUniqueOrThrow({ where: { id } });
      const publicKey = clientPublicKeyOf(row)!;
      expect(row.privateKeyId).toBe(summary.kid);
      expect(publicKey.jwk).toMatchObject({ kid: summary.kid, alg: algorithm, use: "sig" });
      for (const member of ["d", "p", "q", "dp", "dq", "qi"]) expect(publicKey.jwk).not.toHaveProperty(member);
      expect(summary.thumbprint).toBe(await calculateJwkThumbprint(publicKey.jwk, "sha256"));
      expect(publicKey.pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
      expect(row.privateKeyEncrypted).not.toContain('"d"');
      const events = await db.auditEvent.findMany({ where: { action: "connection.client_key_set", targetId: id } });
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0]!.details)).toEqual({
        kid: summary.kid,
        alg: algorithm,
        source: "generate",
        certificate: false,
      });
    },
  );

  it("imports a PKCS#8 PEM and a private JWK, and a certificate for x5t#S256", async () => {
    const { id } = await draft("imported");
    const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = rsa.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(await store(id, { source: "import", algorithm: "PS256", privateKeyImport: pem })).toMatchObject({
      alg: "PS256",
    });
    const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = JSON.stringify(ec.privateKey.export({ format: "jwk" }));
    // An EC P-256 key signs with ES256 whatever was chosen.
    expect(await store(id, { source: "import", algorithm: "RS256", privateKeyImport: jwk })).toMatchObject({
      alg: "ES256",
    });

    const keys = (await crypto.webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
      "sign",
      "verify",
    ])) as CryptoKeyPair;
    const notAfter = new Date(Math.floor(Date.now() / 1000) * 1000 + 45 * 86_400_000);
    const certificate = await selfSignedCertificate(keys, notAfter);
    const privateJwk = await crypto.webcrypto.subtle.exportKey("jwk", keys.privateKey);
    const summary = await store(id, {
      source: "import",
      privateKeyImport: JSON.stringify(privateJwk),
      privateKeyCertificate: certificate.toString("pem"),
    });
    expect(summary.certificate).toBe(true);
    const row = await db.connection.findUniqueOrThrow({ where: { id } });
    const x5t = crypto.createHash("sha256").update(Buffer.from(certificate.rawData)).digest("base64url");
    expect(clientPublicKeyOf(row)!.jwk["x5t#S256"]).toBe(x5t);
    expect(row.clientCertificateExpiresAt).toEqual(notAfter);

    // A key without a certificate (imported or generated) leaves no certificate expiry behind.
    await store(id, { source: "import", privateKeyImport: JSON.stringify(privateJwk) });
    expect((await db.connection.findUniqueOrThrow({ where: { id } })).clientCertificateExpiresAt).toBeNull();
    await store(id, {
      privateKeyCertificate: certificate.toString("pem"),
      source: "import",
      privateKeyImport: JSON.stringify(privateJwk),
    });
    await store(id, {});
    expect((await db.connection.findUniqueOrThrow({ where: { id } })).clientCertificateExpiresAt).toBeNull();
  });

  it("refuses what is not a usable private key, with a message for the field", async () => {
    const { id } = await draft("refused");
    const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 });
    const p384 = crypto.generateKeyPairSync("ec", { namedCurve: "P-384" });
    const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
    const publicPem = ec.publicKey.export({ type: "spki", format: "pem" }).toString();
    const publicJwk = JSON.stringify(ec.publicKey.export({ format: "jwk" }));
    const privatePem = ec.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(await refusal(id, { source: "import", privateKeyImport: "-----BEGIN PRIVATE KEY-----\nnope" })).toEqual({
      field: "privateKeyImport",
      message: expect.stringMatching(/^Paste a private key as PEM/),
    });
    expect(await refusal(id, { source: "import", privateKeyImport: publicPem })).toMatchObject({
      field: "privateKeyImport",
      message: expect.stringMatching(/public key/),
    });
    expect(await refusal(id, { source: "import", privateKeyImport: publicJwk })).toMatchObject({
      message: expect.stringMatching(/no private part/),
    });
    for (const key of [rsa.privateKey, p384.privateKey])
      expect(
        await refusal(id, {
          source: "import",
          privateKeyImport: key.export({ type: "pkcs8", format: "pem" }).toString(),
        }),
      ).toMatchObject({ field: "privateKeyImport", message: expect.stringMatching(/P-256 or an RSA key/) });
    const other = (await crypto.webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
      "sign",
      "verify",
    ])) as CryptoKeyPair;
    expect(
      await refusal(id, {
        source: "import",
        privateKeyImport: privatePem,
        privateKeyCertificate: (await selfSignedCertificate(other)).toString("pem"),
      }),
    ).toMatchObject({ field: "privateKeyCertificate", message: expect.stringMatching(/another key/) });
    expect(await db.connection.findUniqueOrThrow({ where: { id } })).toMatchObject({ privateKeyEncrypted: null });
  });

  it("saves a private_key_jwt connection only once it has a key, and drops a typed secret", async () => {
    const created = await draft("needs a key");
    const input = createConnectionSchemas({ allowHttp: false, hasStoredSecret: false }).full.parse({
      ...EMPTY_CONNECTION_VALUES,
      name: "needs a key",
      grantType: "client_credentials",
      tokenUrl: "https://id.example.com/token",
      clientId: "pk-client",
      clientAuthMethod: "private_key_jwt",
      clientSecret: "typed-before-switching",
    });
    const refused = await activateConnection(actor, {
      connectionId: created.id,
      version: created.version,
      input,
    }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ field: "clientAuthMethod", message: expect.stringMatching(/key pair/) });
    await store(created.id, {});
    const saved = await activateConnection(actor, { connectionId: created.id, version: created.version, input });
    expect(saved.hasClientSecret).toBe(false);
  });
});
