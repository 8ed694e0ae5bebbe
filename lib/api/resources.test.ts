/**
 * The REST resources through real HTTP (lib/testing/api-http-server.ts) against a real database
 * and oidc-provider: each permission allows exactly its routes, a key restricted to connection A
 * never sees B (list, get, tests, audit), cursors page without overlap, a connection is read
 * without any secret, and every answer validates against the served OpenAPI document (ajv 8).
 */
import { describe, expect, it } from "vitest";
import { setUpApiContractFixture } from "@/lib/testing/api-contract-fixture";
import type { ApiPermission } from "@/lib/api-keys/permissions";

const fx = setUpApiContractFixture();
const PERMISSIONS: ApiPermission[] = [
  "tokens:read",
  "connections:read",
  "connections:write",
  "tests:run",
  "audit:read",
];

/** template: the document's path, with {names}; values fill them in. */
const call = (key: string, method: string, template: string, values: Record<string, string> = {}, query = "") =>
  fx.api.call(key, method, { template, values, query });

const everything = (connectionIds?: string[]) => fx.f.createKey({ connectionIds, permissions: PERMISSIONS });

describe("the permission matrix", () => {
  it("lets each permission reach exactly its routes", async () => {
    const a = await fx.f.createConnection({ grantType: "client_credentials" });
    const keys = Object.fromEntries(
      await Promise.all(PERMISSIONS.map(async (p) => [p, (await fx.f.createKey({ permissions: [p] })).key] as const)),
    ) as Record<ApiPermission, string>;
    // Each route and the one permission that reaches it, in order: the GET of a test reads the one the POST started.
    const neededFor: Record<string, ApiPermission> = {
      "GET /api/v1/connections/{connection}/token": "tokens:read",
      "GET /api/v1/connections": "connections:read",
      "GET /api/v1/connections/{connection}": "connections:read",
      "POST /api/v1/connections/{connection}/tests": "tests:run",
      "GET /api/v1/tests/{test}": "tests:run",
      "GET /api/v1/audit-events": "audit:read",
      "GET /api/v1/audit-events/verify": "audit:read",
    };
    const values = { connection: a.id, test: "" };
    for (const [route, needed] of Object.entries(neededFor)) {
      const [method, template] = route.split(" ") as [string, string];
      for (const permission of PERMISSIONS) {
        const answer = await call(keys[permission], method, template, values);
        if (permission !== needed) {
          expect(answer.status, `${permission} on ${method} ${template}`).toBe(403);
          expect(answer.json).toMatchObject({ type: "urn:handshake:problem:missing-permission" });
        } else {
          expect(answer.status, `${permission} on ${method} ${template}: ${answer.text}`).toBeLessThan(300);
          if (template.endsWith("/tests")) values.test = (answer.json as { id: string }).id;
        }
      }
    }
  }, 120_000);
});

describe("a key restricted to connection A", () => {
  it("never sees B: not in the list, get, tests or audit, answered as if B did not exist", async () => {
    const a = await fx.f.createConnection({ grantType: "client_credentials" });
    const b = await fx.f.createConnection({ grantType: "client_credentials" });
    const { key: all } = await everything();
    const { key } = await everything([a.id]);
    const testOfA = await call(key, "POST", "/api/v1/connections/{connection}/tests", { connection: a.id });
    expect(testOfA.status).toBe(201);
    expect(testOfA.json).toMatchObject({ connection_id: a.id, status: "SUCCESS" });
    expect(testOfA.headers.get("location")).toBe(`/api/v1/tests/${(testOfA.json as { id: string }).id}`);
    const testOfB = await call(all, "POST", "/api/v1/connections/{connection}/tests", { connection: b.name });
    expect(testOfB.status).toBe(201);

    const listed = await call(key, "GET", "/api/v1/connections", {}, "?limit=200");
    const ids = (listed.json as { data: { id: string }[] }).data.map((c) => c.id);
    expect(ids).toEqual([a.id]);
    const unknown = await call(key, "GET", "/api/v1/connections/{connection}", { connection: "no-such-connection" });
    for (const ref of [b.id, b.name]) {
      const hidden = await call(key, "GET", "/api/v1/connections/{connection}", { connection: ref });
      expect(hidden.status).toBe(404);
      expect(hidden.json).toMatchObject({
        type: (unknown.json as { type: string }).type,
        title: (unknown.json as { title: string }).title,
      });
      expect((await call(key, "POST", "/api/v1/connections/{connection}/tests", { connection: ref })).status).toBe(404);
      expect((await call(key, "GET", "/api/v1/connections/{connection}/token", { connection: ref })).status).toBe(404);
    }
    const bRun = await call(key, "GET", "/api/v1/tests/{test}", { test: (testOfB.json as { id: string }).id });
    expect(bRun.json).toMatchObject({ status: 404, type: "urn:handshake:problem:test-not-found" });

    const events = (await call(key, "GET", "/api/v1/audit-events", {}, "?limit=200")).json as {
      data: { connection_id: string | null; actor: { email: string } }[];
    };
    expect(events.data.length).toBeGreaterThan(0);
    expect(events.data.every((e) => e.connection_id === a.id)).toBe(true);
    const filtered = await call(key, "GET", "/api/v1/audit-events", {}, `?connection=${b.id}`);
    expect((filtered.json as { data: unknown[] }).data).toEqual([]);
    const verify = await call(key, "GET", "/api/v1/audit-events/verify");
    expect(verify.status).toBe(403);
    expect(verify.text).not.toContain("head_hash");
    // The test the key ran is audited with the key as its actor, and the key's name finds it.
    const keyActor = events.data.find((e) => e.actor.email.startsWith("API key "))!.actor.email;
    const byKey = (await call(key, "GET", "/api/v1/audit-events", {}, `?actor=${encodeURIComponent(keyActor)}`))
      .json as { data: { actor: { email: string } }[] };
    expect(byKey.data.length).toBeGreaterThan(0);
    expect(byKey.data.every((e) => e.actor.email === keyActor)).toBe(true);
  }, 120_000);
});

describe("reading connections", () => {
  it("pages with a cursor in a stable order without overlap, and refuses a bad query with every reason", async () => {
    const prefix = `paged ${Date.now().toString(36)}`;
    for (const n of [3, 1, 2]) await fx.f.createConnection({ name: `${prefix} ${n}` });
    const { key } = await everything();
    const seen: string[] = [];
    let cursor = "";
    for (let page = 0; page < 5; page += 1) {
      const query = `?q=${encodeURIComponent(prefix)}&sort=name&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const answer = (await call(key, "GET", "/api/v1/connections", {}, query)).json as {
        data: { name: string }[];
        next_cursor: string | null;
      };
      seen.push(...answer.data.map((c) => c.name));
      if (!answer.next_cursor) break;
      cursor = answer.next_cursor;
    }
    expect(seen).toEqual([`${prefix} 1`, `${prefix} 2`, `${prefix} 3`]);
    const bad = await call(key, "GET", "/api/v1/connections", {}, "?limit=0&status=sleeping");
    expect(bad.status).toBe(400);
    expect((bad.json as { detail: string }).detail).toMatch(/limit.*status|status.*limit/);
  });

  it("shows whether a secret is set and its age, never the secret, key or token", async () => {
    const connection = await fx.f.createConnection({ grantType: "client_credentials" });
    const { key } = await everything();
    const token = await call(key, "GET", "/api/v1/connections/{connection}/token", { connection: connection.id });
    const accessToken = (token.json as { access_token: string }).access_token;
    const answer = await call(key, "GET", "/api/v1/connections/{connection}", { connection: connection.name });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("etag")).toBe(`"${(answer.json as { version: number }).version}"`);
    expect(answer.json).toMatchObject({
      id: connection.id,
      client_secret: { set: true, age_seconds: expect.any(Number) },
      token: { present: true },
    });
    expect(answer.json).not.toHaveProperty("settings.clientSecret");
    for (const secret of ["tokens-cc-secret-0b7d42", accessToken, key]) expect(answer.text).not.toContain(secret);
  });

  it("verifies the audit chain", async () => {
    const { key } = await everything();
    const answer = await call(key, "GET", "/api/v1/audit-events/verify");
    expect(answer.json).toMatchObject({ intact: true, problem: null });
  });
});

describe("the contract", () => {
  it("validates every answer above against the served OpenAPI document", async () => {
    const { key } = await everything();
    await fx.api.expectAnswersDocumented(key);
  });
});
