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

beforeAll(async () => {
  const { startTokenApiFixture } = await import("@/lib/testing/token-api-fixture");
  f = await startTokenApiFixture();
  ({ flushTokenReads } = await import("@/lib/api-keys/usage-recorder"));
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
