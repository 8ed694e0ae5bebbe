/**
 * private_key_jwt key rotation over the REST API, through real HTTP against a real database and
 * the real oidc-provider, which fetches the console's JWKS route for the client's keys: prepare,
 * a test with the next key (refused by the provider until it fetched the key set again, then
 * passed), switch (refused until that pass), retire, discard; kids and public keys only in every
 * answer, each step audited, and every answer validated against the served OpenAPI document.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiContractFixture } from "@/lib/testing/api-contract-fixture";
import type { TokenApiFixture } from "@/lib/testing/token-api-fixture";
import { freePort } from "@/lib/testing/free-port";
import { closeHttpServer } from "@/lib/testing/close-http-server";

const CLIENT_ID = "rotation-cc";
const ONE = "/api/v1/connections/{connection}";
const KEY = `${ONE}/client-key`;

let api: ApiContractFixture;
let f: TokenApiFixture;
// The client's jwks_uri: redirects to the console's JWKS route of the connection under test.
let jwksConnectionId = "";
const relayPort = await freePort();
const relay = http.createServer((_req, res) => {
  res.writeHead(302, { location: `${api.server.origin}/api/v1/connections/${jwksConnectionId}/jwks.json` });
  res.end();
});

beforeAll(async () => {
  await new Promise<void>((resolve) => relay.listen(relayPort, "127.0.0.1", resolve));
  const { startApiContractFixture } = await import("@/lib/testing/api-contract-fixture");
  api = await startApiContractFixture({
    clients: () => [
      {
        client_id: CLIENT_ID,
        grant_types: ["client_credentials"],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: "private_key_jwt",
        jwks_uri: `http://127.0.0.1:${relayPort}/jwks`,
      },
    ],
  });
  f = api.f;
}, 120_000);

afterAll(async () => {
  await api?.close();
  await closeHttpServer(relay);
});

function call(key: string, method: string, template: string, connection: string, body?: unknown) {
  return api.call(key, method, { template, values: { connection }, body });
}

/** The kids the console's public JWKS serves for the connection. */
async function publishedKids(connectionId: string): Promise<string[]> {
  const response = await fetch(`${api.server.origin}/api/v1/connections/${connectionId}/jwks.json`);
  const jwks = (await response.json()) as { keys: Record<string, string>[] };
  for (const jwk of jwks.keys) expect(jwk).not.toHaveProperty("d");
  return jwks.keys.map((k) => k.kid!);
}

/** Like a provider told the client's keys changed: it fetches the jwks_uri again at the next request (it caches it up to max-age). */
async function providerRefetchesKeys(): Promise<void> {
  const client = await f.provider.provider.Client.find(CLIENT_ID);
  (client!.asymmetricKeyStore as unknown as { freshUntil?: number }).freshUntil = 0;
}

type Rotation = {
  current: { kid: string } | null;
  next: { kid: string; tested: boolean; public_jwk: Record<string, string> } | null;
  retiring: { kid: string; retire_at: string } | null;
};

describe("key rotation over the REST API", () => {
  it("prepares, tests with, switches to and retires a key while the provider fetches the console's JWKS", async () => {
    const { key } = await f.createKey({ permissions: ["connections:read", "connections:write", "tests:run"] });
    const connection = await f.createConnection({ grantType: "client_credentials" });
    jwksConnectionId = connection.id;
    const stored = await call(key, "PUT", KEY, connection.id, { source: "generate", algorithm: "ES256" });
    expect(stored.status, stored.text).toBe(200);
    const first = stored.json.kid as string;
    const read = await call(key, "GET", ONE, connection.id);
    const patched = await api.call(key, "PATCH", {
      template: ONE,
      values: { connection: connection.id },
      headers: { "if-match": read.headers.get("etag")! },
      body: { clientId: CLIENT_ID, clientAuthMethod: "private_key_jwt" },
    });
    expect(patched.status, patched.text).toBe(200);
    const baseline = await call(key, "POST", `${ONE}/tests`, connection.id);
    expect(baseline.json.status, baseline.text).toBe("SUCCESS");

    // Nothing prepared: there is nothing to test, switch to, retire or discard.
    for (const [method, path] of [
      ["POST", `${KEY}/next/tests`],
      ["POST", `${KEY}/retire`],
      ["DELETE", `${KEY}/next`],
    ] as const) {
      const refused = await call(key, method, path, connection.id);
      expect(refused.status, `${method} ${path}`).toBe(409);
      expect(refused.json.type).toBe("urn:handshake:problem:rotation-conflict");
    }

    const prepared = await call(key, "POST", `${KEY}/next`, connection.id, { source: "generate", algorithm: "RS256" });
    expect(prepared.status, prepared.text).toBe(201);
    const rotation = prepared.json as Rotation;
    const second = rotation.next!.kid;
    expect(rotation).toMatchObject({ current: { kid: first }, next: { tested: false }, retiring: null });
    expect(rotation.next!.public_jwk).toMatchObject({ kty: "RSA", kid: second });
    expect(await publishedKids(connection.id)).toEqual([first, second]);
    const again = await call(key, "POST", `${KEY}/next`, connection.id, { source: "generate", algorithm: "ES256" });
    expect(again.status).toBe(409);
    expect(String(again.json.detail)).toContain(second);

    // The provider still holds the key set it fetched before: the new key is unknown to it.
    const unknown = await call(key, "POST", `${KEY}/next/tests`, connection.id);
    expect(unknown.status, unknown.text).toBe(201);
    expect(unknown.json.status).toBe("FAILED");
    const early = await call(key, "POST", `${KEY}/switch`, connection.id, { grace: "1h" });
    expect(early.status).toBe(422);
    expect(String(early.json.detail)).toContain(`Test with new key`);

    await providerRefetchesKeys();
    const passed = await call(key, "POST", `${KEY}/next/tests`, connection.id);
    expect(passed.json.status, passed.text).toBe("SUCCESS");
    expect(passed.headers.get("location")).toBe(`/api/v1/tests/${passed.json.id as string}`);
    expect(((await call(key, "GET", KEY, connection.id)).json as Rotation).next).toMatchObject({ tested: true });

    const switched = await call(key, "POST", `${KEY}/switch`, connection.id, { grace: "1h" });
    expect(switched.status, switched.text).toBe(200);
    expect(switched.json).toMatchObject({ current: { kid: second }, next: null, retiring: { kid: first } });
    expect(await publishedKids(connection.id)).toEqual([second, first]);
    const withNewKey = await call(key, "POST", `${ONE}/tests`, connection.id);
    expect(withNewKey.json.status, withNewKey.text).toBe("SUCCESS");

    const retired = await call(key, "POST", `${KEY}/retire`, connection.id);
    expect(retired.status, retired.text).toBe(200);
    expect(retired.json).toMatchObject({ current: { kid: second }, retiring: null });
    expect(await publishedKids(connection.id)).toEqual([second]);

    const discardable = await call(key, "POST", `${KEY}/next`, connection.id, {
      source: "generate",
      algorithm: "ES256",
    });
    const third = (discardable.json as Rotation).next!.kid;
    expect(await publishedKids(connection.id)).toEqual([second, third]);
    expect((await call(key, "DELETE", `${KEY}/next`, connection.id)).status).toBe(204);
    expect(await publishedKids(connection.id)).toEqual([second]);

    const events = await f.db.auditEvent.findMany({ where: { connectionId: connection.id }, orderBy: { seq: "asc" } });
    const rotationEvents = events.filter((e) => e.action.startsWith("connection.client_key_"));
    expect(rotationEvents.map((e) => [e.action, JSON.parse(e.details).kid])).toEqual([
      ["connection.client_key_set", first],
      ["connection.client_key_next_prepared", second],
      ["connection.client_key_next_tested", second],
      ["connection.client_key_switched", second],
      ["connection.client_key_retired", first],
      ["connection.client_key_next_prepared", third],
      ["connection.client_key_next_discarded", third],
    ]);
    expect(rotationEvents.every((e) => e.actorEmail?.startsWith("API key "))).toBe(true);
    expect(JSON.stringify(api.answers)).not.toMatch(/"d":/);
    await api.expectAnswersDocumented(key);
  });

  it("sends a code flow's test with the next key to the console, and checks the key's permissions", async () => {
    const codeFlow = await f.createConnection();
    const { key } = await f.createKey({ permissions: ["connections:read", "connections:write", "tests:run"] });
    const refused = await call(key, "POST", `${KEY}/next/tests`, codeFlow.id);
    expect(refused.status).toBe(409);
    expect(refused.json.type).toBe("urn:handshake:problem:test-not-supported");
    expect(String(refused.json.detail)).toContain("Test with new key");

    const notKeyed = await call(key, "POST", `${KEY}/next`, codeFlow.id, { source: "generate", algorithm: "ES256" });
    expect(notKeyed.status).toBe(422);
    expect(String(notKeyed.json.detail)).toContain("private_key_jwt");
    const invalid = await call(key, "POST", `${KEY}/switch`, codeFlow.id, { grace: "forever" });
    expect(invalid.status).toBe(400);

    const reader = await f.createKey({ permissions: ["connections:read"] });
    expect((await call(reader.key, "POST", `${KEY}/next`, codeFlow.id, { source: "generate" })).status).toBe(403);
    expect((await call(reader.key, "GET", KEY, codeFlow.id)).json).toMatchObject({ current: null, next: null });
    await api.expectAnswersDocumented(key, 5);
  });
});
