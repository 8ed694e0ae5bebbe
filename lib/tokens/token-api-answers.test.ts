/**
 * The token API's answers against a real database and oidc-provider: a connection addressed by id
 * survives a rename, names are found ignoring case, an unknown and a not-granted connection get the
 * same answer, refused calls of a recognised key are recorded in batches, and every answer is the
 * one the served OpenAPI document describes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TokenApiFixture } from "@/lib/testing/token-api-fixture";

type Answer = Awaited<ReturnType<TokenApiFixture["callTokenApi"]>>;
type DocResponse = {
  headers?: Record<string, unknown>;
  content: Record<string, { schema: { $ref: string }; examples?: Record<string, { value: { type: string } }> }>;
};
type Doc = {
  paths: Record<string, { get: { responses: Record<string, DocResponse> } }>;
  components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }> };
};

let f: TokenApiFixture;
let lib: {
  revokeApiKey: typeof import("@/lib/api-keys/manage-api-keys").revokeApiKey;
  flushTokenReads: typeof import("@/lib/api-keys/usage-recorder").flushTokenReads;
  connectionNameKey: typeof import("@/lib/connections/name-key").connectionNameKey;
  doc: Doc;
};
/** Every answer the tests below received, checked against the document at the end. */
const answers: Answer[] = [];
const call = async (...args: Parameters<TokenApiFixture["callTokenApi"]>) => {
  const answer = await f.callTokenApi(...args);
  answers.push(answer);
  return answer;
};
const ADMIN = { id: null, email: "admin@tokens.test", role: "ADMIN", ip: null, userAgent: null } as const;

beforeAll(async () => {
  const { startTokenApiFixture } = await import("@/lib/testing/token-api-fixture");
  f = await startTokenApiFixture();
  const { buildOpenApiDocument } = await import("@/lib/tokens/openapi-document");
  lib = {
    ...(await import("@/lib/api-keys/manage-api-keys")),
    ...(await import("@/lib/api-keys/usage-recorder")),
    ...(await import("@/lib/connections/name-key")),
    doc: buildOpenApiDocument("http://127.0.0.1:9") as Doc,
  };
}, 120_000);

afterAll(async () => {
  await f?.close();
});

describe("addressing a connection", () => {
  it("keeps answering by id after a rename, and finds names ignoring case", async () => {
    const connection = await f.createConnection({
      grantType: "client_credentials",
      name: `Billing CRM ${Date.now().toString(36)}`,
    });
    const { key } = await f.createKey({ connectionIds: [connection.id] });
    expect((await call(key, connection.id)).response.status).toBe(200);
    expect((await call(key, connection.name.toUpperCase())).body.connection_id).toBe(connection.id);
    expect((await call(key, connection.name.toLowerCase())).body.connection_id).toBe(connection.id);

    const renamed = `Billing CRM renamed ${Date.now().toString(36)}`;
    await f.db.connection.update({
      where: { id: connection.id },
      data: { name: renamed, nameKey: lib.connectionNameKey(renamed) },
    });
    const byId = await call(key, connection.id);
    expect(byId.response.status).toBe(200);
    expect(byId.body.connection_name).toBe(renamed);
    expect((await call(key, connection.name)).body.type).toBe("urn:handshake:problem:connection-not-found");
    expect((await call(key, renamed.toLowerCase())).body.connection_id).toBe(connection.id);
  });

  it("finds a row from before the case-insensitive key by its exact name, and prefers an id to a name", async () => {
    const legacy = await f.createConnection({ grantType: "client_credentials" });
    await f.db.connection.update({ where: { id: legacy.id }, data: { nameKey: null } });
    // A connection named like another's id: the id wins.
    const impostor = await f.createConnection({ grantType: "client_credentials", name: legacy.id.toUpperCase() });
    const { key } = await f.createKey();
    expect((await call(key, legacy.name)).body.connection_id).toBe(legacy.id);
    expect((await call(key, legacy.id)).body.connection_id).toBe(legacy.id);
    expect((await call(key, impostor.name.toLowerCase())).body.connection_id).toBe(legacy.id);
    expect((await call(key, impostor.name)).body.connection_id).toBe(impostor.id);
  });
});

describe("refusals", () => {
  it("answers an unknown and a not-granted connection the same way, with the documented 404", async () => {
    const granted = await f.createConnection({ grantType: "client_credentials" });
    const other = await f.createConnection({ grantType: "client_credentials" });
    const chosen = await f.createKey({ connectionIds: [granted.id] });
    const all = await f.createKey();
    const unknown = await call(chosen.key, "the-ref");
    await f.db.connection.update({ where: { id: other.id }, data: { name: "the-ref", nameKey: "the-ref" } });
    const refusals = [unknown, await call(chosen.key, "the-ref"), await call(all.key, "no-such-ref")];
    for (const refused of refusals) {
      expect(refused.response.status).toBe(404);
      expect(refused.body).toMatchObject({ type: "urn:handshake:problem:connection-not-found", status: 404 });
    }
    // Unknown (before the rename) and not granted (after it) read the same, word for word.
    expect(refusals[1]!.body).toEqual(unknown.body);
    expect(String(refusals[1]!.body.detail)).not.toContain(chosen.id);
  });

  it("shows refused calls of a recognised key (count, last status and problem), batched, and nothing for an unknown key", async () => {
    const connection = await f.createConnection({ grantType: "client_credentials" });
    const { id, key } = await f.createKey({ connectionIds: [connection.id] });
    await call(key, "not granted");
    await call(key, connection.id, { min_valid_seconds: "-1" });
    await lib.revokeApiKey(ADMIN, id);
    await call(key, connection.id);
    await lib.flushTokenReads();
    const row = await f.db.apiKey.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      refusedCount: 3,
      lastRefusedStatus: 401,
      lastRefusedType: "invalid-api-key",
      lastRefusedDetail: "The API key was revoked.",
      lastRefusedIp: "127.0.0.1",
      lastUsedAt: null,
    });

    // A flood of refusals is counted in memory: one write per key and second, the last one kept.
    const before = await f.db.apiKey.findMany({ select: { id: true, refusedCount: true } });
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        f.callTokenApi(key, connection.id, {}, { ip: `10.0.0.${i % 250}`, userAgent: "x".repeat(5000) }),
      ),
    );
    const { generateApiKey } = await import("@/lib/api-keys/key-format");
    await f.callTokenApi(generateApiKey(), connection.id);
    await lib.flushTokenReads();
    const flooded = await f.db.apiKey.findUniqueOrThrow({ where: { id } });
    expect(flooded.refusedCount).toBe(303);
    expect(flooded.lastRefusedUserAgent).toHaveLength(300);
    const after = await f.db.apiKey.findMany({ select: { id: true, refusedCount: true } });
    expect(after.filter((k) => k.id !== id)).toEqual(before.filter((k) => k.id !== id));
  });

  it("refuses users' tokens with the documented 403 and 409", async () => {
    const connection = await f.createConnection({ tokenSharing: "PER_USER" });
    const user = await f.db.user.create({
      data: { email: `carol-${Date.now()}@tokens.test`, passwordHash: "x", disabled: true },
    });
    const shared = await f.createKey();
    expect((await call(shared.key, connection.id, { user: user.email })).body.type).toBe(
      "urn:handshake:problem:user-not-allowed",
    );
    const every = await f.createKey({ userAccess: "ALL_USERS" });
    expect((await call(every.key, connection.id, { user: user.email })).body.type).toBe(
      "urn:handshake:problem:user-suspended",
    );
    await f.db.connection.update({ where: { id: connection.id }, data: { enabled: false } });
    expect((await call(every.key, connection.id)).body.type).toBe("urn:handshake:problem:connection-disabled");
    expect((await call(null, connection.id)).response.status).toBe(401);
  });
});

describe("the served OpenAPI document", () => {
  it("describes every answer received above: its status, problem type, fields and headers", () => {
    const responses = lib.doc.paths["/api/v1/connections/{connection}/token"]!.get.responses;
    const statuses = new Set(answers.map((a) => a.response.status));
    expect([...statuses].sort()).toEqual([200, 400, 401, 403, 404, 409]);
    for (const { response, body } of answers) {
      const documented = responses[String(response.status)];
      expect(documented, `status ${response.status}`).toBeDefined();
      const contentType = response.headers.get("content-type")!;
      const content = documented!.content[contentType];
      expect(content, `${response.status} as ${contentType}`).toBeDefined();
      const schema = lib.doc.components.schemas[content!.schema.$ref.split("/").pop()!]!;
      expect(
        Object.keys(body).filter((k) => !(k in schema.properties)),
        `${response.status} fields`,
      ).toEqual([]);
      expect(
        (schema.required ?? []).filter((k) => !(k in body)),
        `${response.status} required fields`,
      ).toEqual([]);
      if (response.status !== 200) {
        expect(Object.values(content!.examples ?? {}).map((e) => e.value.type)).toContain(body.type);
        for (const header of Object.keys(documented!.headers ?? {}))
          expect(response.headers.get(header), header).not.toBeNull();
      }
    }
  });
});
