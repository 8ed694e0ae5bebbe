/**
 * The API gate through real HTTP (lib/testing/api-http-server.ts) against a real database: the
 * token route and the OpenAPI document behind it, request ids, the key's refusals, the rate limit,
 * a permission the key lacks, the audit actor, and an application error as an RFC 9457 problem.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TokenApiFixture } from "@/lib/testing/token-api-fixture";
import type { RunningApiServer } from "@/lib/testing/api-http-server";

let f: TokenApiFixture;
let server: RunningApiServer;
let flushTokenReads: typeof import("@/lib/api-keys/usage-recorder").flushTokenReads;
let changeApiKeyPermissions: typeof import("@/lib/api-keys/change-api-key-permissions").changeApiKeyPermissions;
let schemas: typeof import("@/lib/schemas/api-key");

beforeAll(async () => {
  const { startTokenApiFixture } = await import("@/lib/testing/token-api-fixture");
  f = await startTokenApiFixture();
  ({ flushTokenReads } = await import("@/lib/api-keys/usage-recorder"));
  ({ changeApiKeyPermissions } = await import("@/lib/api-keys/change-api-key-permissions"));
  schemas = await import("@/lib/schemas/api-key");
  const { withApiKey } = await import("@/lib/api/with-api-key");
  const { ApplicationError } = await import("@/lib/errors/application-error");
  const { startApiHttpServer } = await import("@/lib/testing/api-http-server");
  server = await startApiHttpServer({
    "/api/v1/connections/[connection]/token": await import("@/app/api/v1/connections/[connection]/token/route"),
    "/api/v1/openapi.json": await import("@/app/api/v1/openapi.json/route"),
    "/gate/audit": { GET: withApiKey({ permission: "audit:read" }, async () => Response.json({})) },
    "/gate/actor": {
      GET: withApiKey({ permission: "tokens:read" }, async ({ actor }) => Response.json({ actor: actor.email })),
    },
    "/gate/missing": {
      GET: withApiKey({ permission: "tokens:read" }, async () => {
        throw new ApplicationError("Nothing here.", "not_found");
      }),
    },
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await f?.close();
});

const get = (path: string, key: string | null, headers: Record<string, string> = {}) =>
  fetch(`${server.origin}${path}`, { headers: { ...headers, ...(key ? { authorization: `Bearer ${key}` } : {}) } });

describe("the API gate", () => {
  it("serves the token route over HTTP with a request id, and echoes the caller's own", async () => {
    const connection = await f.createConnection({ grantType: "client_credentials" });
    const { key } = await f.createKey({ connectionIds: [connection.id] });
    const served = await get(`/api/v1/connections/${connection.id}/token`, key);
    expect(served.status).toBe(200);
    expect(((await served.json()) as { connection_id: string }).connection_id).toBe(connection.id);
    expect(served.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await get(`/api/v1/connections/${connection.id}/token`, key, { "x-request-id": "ci-run-42.7" });
    expect(echoed.headers.get("x-request-id")).toBe("ci-run-42.7");
    const replaced = await get(`/api/v1/connections/${connection.id}/token`, key, { "x-request-id": "a b<script>" });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses a missing or unknown key as a problem with the RFC 6750 challenge and a request id", async () => {
    // Without an Authorization header the document route asks for a console session first: outside Next.
    const missing = await get("/api/v1/connections/anything/token", null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="handshake-token-api"');
    expect(missing.headers.get("x-request-id")).toBeTruthy();
    expect(await missing.json()).toMatchObject({ type: "urn:handshake:problem:invalid-api-key", status: 401 });
    const unknown = await get("/api/v1/openapi.json", `hsk_${"a".repeat(38)}`);
    expect(unknown.status).toBe(401);
    const { key } = await f.createKey();
    const document = await get("/api/v1/openapi.json", key);
    expect(document.status).toBe(200);
    expect(((await document.json()) as { openapi: string }).openapi).toBe("3.1.0");
  });

  it("refuses a permission the key lacks with 403 and shows the refusal on the key's page", async () => {
    const { id, key } = await f.createKey();
    const refused = await get("/gate/audit", key);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      type: "urn:handshake:problem:missing-permission",
      detail: expect.stringContaining("audit:read"),
      instance: "/gate/audit",
    });
    await flushTokenReads();
    const row = await f.db.apiKey.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ refusedCount: 1, lastRefusedStatus: 403, lastRefusedType: "missing-permission" });
  });

  it("rate-limits every route of a key with one budget", async () => {
    const { key } = await f.createKey({ rateLimitPerMinute: 1 });
    expect((await get("/gate/actor", key)).status).toBe(200);
    const limited = await get("/api/v1/openapi.json", key);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ type: "urn:handshake:problem:rate-limited" });
  });

  it("names the key as the audit actor and answers an application error as its problem", async () => {
    const { key } = await f.createKey({ name: "deploy bot" });
    const actor = (await (await get("/gate/actor", key)).json()) as { actor: string };
    expect(actor.actor).toMatch(/^API key deploy bot \(hsk_\w{6}…\)$/);
    const missing = await get("/gate/missing", key);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ type: "urn:handshake:problem:not-found", detail: "Nothing here." });
  });
});

describe("permissions on keys", () => {
  it("gives keys from before permissions, and new keys by default, exactly tokens:read", async () => {
    expect(schemas.defaultApiKeyValues().permissions).toEqual(["tokens:read"]);
    const { key: created } = await f.createKey();
    const { generateApiKey, hashApiKey, displayPrefixOf } = await import("@/lib/api-keys/key-format");
    const legacy = generateApiKey();
    // A row as it was before the permissions column: the migration's default applies.
    await f.db.$executeRaw`INSERT INTO "ApiKey" ("id", "name", "displayPrefix", "keyHash", "allConnections")
      VALUES (${`legacy-${Date.now()}`}, 'legacy', ${displayPrefixOf(legacy)}, ${hashApiKey(legacy)}, true)`;
    for (const key of [created, legacy]) {
      expect((await get("/gate/actor", key)).status).toBe(200);
      expect((await get("/gate/audit", key)).status).toBe(403);
    }
  });

  it("refuses a key without permissions, and one outside the list, next to the field", () => {
    const input = { ...schemas.defaultApiKeyValues(), name: "ci", access: "all" as const };
    const none = schemas.createApiKeySchema.safeParse({ ...input, permissions: [] });
    expect(none.error?.issues[0]).toMatchObject({ path: ["permissions"], message: "Choose at least one permission." });
    expect(schemas.createApiKeySchema.safeParse({ ...input, permissions: ["admin"] }).success).toBe(false);
  });

  it("allows exactly the chosen permissions, and a change, audited, applies to the very next request", async () => {
    const connection = await f.createConnection({ grantType: "client_credentials" });
    const { id, key } = await f.createKey({ permissions: ["audit:read"] });
    expect((await get("/gate/audit", key)).status).toBe(200);
    const token = await get(`/api/v1/connections/${connection.id}/token`, key);
    expect(token.status).toBe(403);
    expect(await token.json()).toMatchObject({ type: "urn:handshake:problem:missing-permission" });

    const admin = { id: null, email: "admin@tokens.test", role: "ADMIN", ip: null, userAgent: null };
    expect(await changeApiKeyPermissions(admin, { apiKeyId: id, permissions: ["tokens:read"] })).toEqual({
      changed: true,
    });
    expect(await changeApiKeyPermissions(admin, { apiKeyId: id, permissions: ["tokens:read"] })).toEqual({
      changed: false,
    });
    expect((await get(`/api/v1/connections/${connection.id}/token`, key)).status).toBe(200);
    expect((await get("/gate/audit", key)).status).toBe(403);
    const events = await f.db.auditEvent.findMany({ where: { action: "api_key.permissions_changed", targetId: id } });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.details)).toEqual({
      prefix: expect.any(String),
      from: ["audit:read"],
      to: ["tokens:read"],
    });
    const created = await f.db.auditEvent.findFirstOrThrow({ where: { action: "api_key.created", targetId: id } });
    expect(JSON.parse(created.details)).toMatchObject({ permissions: ["audit:read"] });
  });
});
