/**
 * The REST write side through real HTTP against a real database: PATCH with If-Match (two
 * concurrent PATCHes with the same ETag: one 200, one 412), the wizard's validation per field,
 * enable/disable, the write-only secret, DELETE, each audited with the key as actor, restricted
 * keys, and every answer validated against the served OpenAPI document.
 */
import { describe, expect, it } from "vitest";
import { setUpApiContractFixture } from "@/lib/testing/api-contract-fixture";

const fx = setUpApiContractFixture();
const ONE = "/api/v1/connections/{connection}";

function call(
  key: string,
  method: string,
  template: string,
  connection: string,
  init: { body?: unknown; ifMatch?: string } = {},
) {
  const headers: Record<string, string> = init.ifMatch ? { "if-match": init.ifMatch } : {};
  return fx.api.call(key, method, { template, values: { connection }, body: init.body, headers });
}

const writer = (connectionIds?: string[]) =>
  fx.f.createKey({ connectionIds, permissions: ["connections:read", "connections:write", "tokens:read"] });

describe("POST", () => {
  it("creates an active connection as the wizard does, the secret write-only, and lists every invalid field", async () => {
    const { key } = await writer();
    const secret = "created-by-api-2b8e41";
    const name = `created by API ${Date.now().toString(36)}`;
    const created = await call(key, "POST", "/api/v1/connections", "", {
      body: {
        name,
        grantType: "client_credentials",
        issuer: fx.f.provider.issuer,
        tokenUrl: `${fx.f.provider.issuer}/token`,
        clientId: "tokens-cc",
        clientSecret: secret,
      },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({ name, status: "ACTIVE", client_secret: { set: true } });
    expect(created.headers.get("location")).toBe(`/api/v1/connections/${created.json.id as string}`);
    expect(created.text).not.toContain(secret);
    const events = await fx.f.db.auditEvent.findMany({ where: { targetId: created.json.id as string } });
    expect(events.map((e) => e.action).sort()).toEqual(["connection.created", "connection.updated"]);
    expect(events.every((e) => e.actorEmail?.startsWith("API key "))).toBe(true);
    expect(JSON.stringify(events)).not.toContain(secret);

    const invalid = await call(key, "POST", "/api/v1/connections", "", {
      body: { name: "x", grantType: "client_credentials", tokenUrl: "not a url", clientId: "" },
    });
    expect(invalid.status).toBe(400);
    const fields = (invalid.json.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["name", "tokenUrl", "clientId"]));
    const restricted = await writer([(await fx.f.createConnection()).id]);
    const refused = await call(restricted.key, "POST", "/api/v1/connections", "", { body: { name } });
    expect(refused.status).toBe(403);
  });
});

describe("PATCH with If-Match", () => {
  it("lets one of two concurrent PATCHes with the same ETag win and answers the other 412", async () => {
    const connection = await fx.f.createConnection({ grantType: "client_credentials" });
    const { key } = await writer();
    const read = await call(key, "GET", ONE, connection.id);
    const etag = read.headers.get("etag")!;
    const [first, second] = await Promise.all([
      call(key, "PATCH", ONE, connection.id, { ifMatch: etag, body: { description: "first writer" } }),
      call(key, "PATCH", ONE, connection.id, { ifMatch: etag, body: { description: "second writer" } }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 412]);
    const loser = first.status === 412 ? first : second;
    expect(loser.json).toMatchObject({ type: "urn:handshake:problem:precondition-failed" });
    const winner = first.status === 200 ? first : second;
    expect(winner.headers.get("etag")).toBe(`"${Number(etag.replaceAll('"', "")) + 1}"`);
    const events = await fx.f.db.auditEvent.findMany({
      where: { connectionId: connection.id, action: "connection.updated" },
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.actorEmail).toMatch(/^API key /);
    expect(JSON.parse(events[0]!.details)).toMatchObject({ diff: { description: expect.anything() } });
    // The detail page names the key as the last editor, not "a deleted user".
    const { findConnectionWithAuthors } = await import("@/lib/connections/find-connections");
    expect((await findConnectionWithAuthors(connection.id))?.updatedBy).toEqual({ email: events[0]!.actorEmail });
  });

  it("needs If-Match, validates with the wizard's schema per field, and refuses the secret and unknown fields", async () => {
    const connection = await fx.f.createConnection({ grantType: "client_credentials" });
    const { key } = await writer();
    const etag = (await call(key, "GET", ONE, connection.id)).headers.get("etag")!;
    expect((await call(key, "PATCH", ONE, connection.id, { body: { description: "x" } })).status).toBe(428);
    const invalid = await call(key, "PATCH", ONE, connection.id, {
      ifMatch: etag,
      body: { tokenUrl: "not a url", clientSecret: "s3cret-value", colour: "blue" },
    });
    expect(invalid.status).toBe(400);
    const fields = (invalid.json.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(["clientSecret", "colour"]);
    expect(invalid.text).not.toContain("s3cret-value");
    const badUrl = await call(key, "PATCH", ONE, connection.id, { ifMatch: etag, body: { tokenUrl: "not a url" } });
    expect(badUrl.status).toBe(400);
    expect((badUrl.json.errors as { field: string }[]).map((e) => e.field)).toContain("tokenUrl");
    expect((await call(key, "GET", ONE, connection.id)).headers.get("etag")).toBe(etag);
  });
});

describe("enable, disable, secret and delete", () => {
  it("disables and enables, sets the secret write-only, deletes: each audited with the key", async () => {
    const connection = await fx.f.createConnection({ grantType: "client_credentials" });
    const { key } = await writer();
    const disabled = await call(key, "POST", `${ONE}/disable`, connection.id);
    expect(disabled.json).toMatchObject({ enabled: false });
    expect((await call(key, "GET", `${ONE}/token`, connection.id)).status).toBe(409);
    expect((await call(key, "POST", `${ONE}/enable`, connection.id)).json).toMatchObject({ enabled: true });

    const before = (await call(key, "GET", ONE, connection.id)).json as { client_secret: { set_at: string } };
    const secret = "rotated-by-api-7f3c9a";
    const expiresOn = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    expect((await call(key, "PUT", `${ONE}/secret`, connection.id, { body: { secret, expiresOn } })).status).toBe(204);
    const after = await call(key, "GET", ONE, connection.id);
    expect(after.text).not.toContain(secret);
    expect((after.json as { settings: { clientSecretExpiresOn: string } }).settings.clientSecretExpiresOn).toBe(
      expiresOn,
    );
    const past = { secret, expiresOn: "2020-01-31" };
    expect((await call(key, "PUT", `${ONE}/secret`, connection.id, { body: past })).status).toBe(400);
    expect((after.json as { client_secret: { set_at: string } }).client_secret.set_at).not.toBe(
      before.client_secret.set_at,
    );
    const bad = await call(key, "PUT", `${ONE}/secret`, connection.id, { body: { secret: " padded " } });
    expect(bad.status).toBe(400);

    expect((await call(key, "DELETE", ONE, connection.id)).status).toBe(204);
    expect((await call(key, "GET", ONE, connection.id)).status).toBe(404);
    const events = await fx.f.db.auditEvent.findMany({
      where: { connectionId: connection.id },
      orderBy: { seq: "asc" },
    });
    const byKey = events.filter((e) => e.actorEmail?.startsWith("API key ")).map((e) => e.action);
    expect(byKey).toEqual(expect.arrayContaining(["connection.disabled", "connection.enabled", "connection.deleted"]));
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it("stores a private_key_jwt key it generates, answers only the public half, and then lets the method switch", async () => {
    const connection = await fx.f.createConnection({ grantType: "client_credentials" });
    const { key } = await writer();
    const generated = await call(key, "PUT", `${ONE}/client-key`, connection.id, {
      body: { source: "generate", algorithm: "ES256" },
    });
    expect(generated.status, generated.text).toBe(200);
    const result = generated.json as { kid: string; public_jwk: Record<string, string>; jwks_uri: string };
    expect(result.public_jwk).toMatchObject({ kty: "EC", crv: "P-256", kid: result.kid });
    expect(result.public_jwk).not.toHaveProperty("d");
    expect(result.jwks_uri).toMatch(new RegExp(`/api/v1/connections/${connection.id}/jwks\\.json$`));
    const read = await call(key, "GET", ONE, connection.id);
    const switched = await call(key, "PATCH", ONE, connection.id, {
      ifMatch: read.headers.get("etag")!,
      body: { clientAuthMethod: "private_key_jwt" },
    });
    expect(switched.status, switched.text).toBe(200);
    const events = await fx.f.db.auditEvent.findMany({
      where: { connectionId: connection.id, action: "connection.client_key_set" },
    });
    expect(events.map((e) => JSON.parse(e.details).kid)).toEqual([result.kid]);

    const wrong = await call(key, "PUT", `${ONE}/client-key`, connection.id, {
      body: {
        source: "import",
        algorithm: "RS256",
        privateKeyImport: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
      },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ detail: expect.stringContaining("paste the private key") });

    // Imported with its certificate: the certificate's notAfter becomes the connection's certificate expiry.
    const { createTestKeyCertificate } = await import("@/lib/testing/test-certificate");
    const notAfter = new Date("2031-03-04T05:06:07Z");
    const imported = await createTestKeyCertificate({ notAfter });
    const withCertificate = await call(key, "PUT", `${ONE}/client-key`, connection.id, {
      body: {
        source: "import",
        algorithm: "ES256",
        privateKeyImport: imported.privateKeyPem,
        privateKeyCertificate: imported.certificatePem,
      },
    });
    expect(withCertificate.status, withCertificate.text).toBe(200);
    const stored = await fx.f.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(stored.clientCertificateExpiresAt).toEqual(notAfter);
  });

  it("keeps a restricted key, and a read-only key, from changing what they may not", async () => {
    const a = await fx.f.createConnection({ grantType: "client_credentials" });
    const b = await fx.f.createConnection({ grantType: "client_credentials" });
    const { key } = await writer([a.id]);
    expect((await call(key, "POST", `${ONE}/disable`, b.id)).status).toBe(404);
    expect((await call(key, "DELETE", ONE, b.id)).status).toBe(404);
    const { key: reader } = await fx.f.createKey({ permissions: ["connections:read"] });
    expect((await call(reader, "DELETE", ONE, a.id)).status).toBe(403);
    expect((await call(reader, "PUT", `${ONE}/secret`, a.id, { body: { secret: "x-1" } })).status).toBe(403);
    const generate = { body: { source: "generate", algorithm: "ES256" } };
    expect((await call(reader, "PUT", `${ONE}/client-key`, a.id, generate)).status).toBe(403);
    expect((await call(key, "PUT", `${ONE}/client-key`, b.id, generate)).status).toBe(404);
  });
});

describe("the contract", () => {
  it("validates every answer above against the served OpenAPI document", async () => {
    const { key } = await writer();
    await fx.api.expectAnswersDocumented(key, 20);
  });
});
