/**
 * The token API against a real oidc-provider (through a counting proxy) and a real database:
 * exactly one refresh for 200 concurrent callers, rotation, the default lifetime, client
 * credentials on demand and Per-user sets. Failures: token-api-failures.test.ts; who may read
 * what: token-api-access.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { startTokenApiFixturePerFile } from "@/lib/testing/token-api-fixture-per-file";
import { TOKEN_RESPONSE_FIELDS } from "@/lib/testing/token-response-fields";

const f = startTokenApiFixturePerFile();
let lib: typeof import("@/lib/testing/obtain-provider-tokens");
const past = () => new Date(Date.now() - 60_000);

beforeAll(async () => {
  lib = await import("@/lib/testing/obtain-provider-tokens");
});

const web = () => ({ issuer: f.provider.issuer, clientId: "tokens-web", clientSecret: "tokens-web-secret-5c1e8a" });
describe("fresh tokens, refreshed once", () => {
  it("serves 200 concurrent callers of an expired token with one refresh at the server, and keeps the rotated refresh token", async () => {
    const connection = await f.createConnection();
    const original = await f.authorize(connection.id, { expiresAt: past() });
    const { key } = await f.createKey({ connectionIds: [connection.id] });
    const before = f.proxy.count("refresh_token");

    const results = await Promise.all(Array.from({ length: 200 }, () => f.callTokenApi(key, connection.name)));

    expect(f.proxy.count("refresh_token") - before).toBe(1);
    expect(results.map((r) => r.response.status)).toEqual(Array(200).fill(200));
    const tokens = new Set(results.map((r) => r.body.access_token));
    expect(tokens.size).toBe(1);
    const [served] = [...tokens] as string[];
    expect(served).not.toBe(original.accessToken);
    expect(await lib.introspectAtProvider({ ...web(), token: served! })).toBe(true);
    const first = results[0]!;
    expect(first.response.headers.get("cache-control")).toContain("no-store");
    expect(Object.keys(first.body).sort()).toEqual(TOKEN_RESPONSE_FIELDS);
    expect(first.body.connection_id).toBe(connection.id);

    // Rotation: the stored set holds the newest refresh token, in the same write as the new access token.
    const stored = await f.storedSecrets(original.tokenSetId);
    expect(stored.accessToken).toBe(served);
    expect(stored.refreshToken).not.toBe(original.refreshToken);
    expect(stored.set.refreshTokenRotations).toBe(1);
    expect(stored.set.refreshLeaseOwner).toBeNull();
    const events = await f.db.auditEvent.findMany({
      where: { connectionId: connection.id, action: "token.refreshed" },
    });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.details)).toMatchObject({
      trigger: "api",
      outcome: "refreshed",
      rotated: true,
      grant: "refresh_token",
    });
    // ...and the server refuses the old one.
    expect(await lib.tryRefreshAtProvider({ ...web(), refreshToken: original.refreshToken })).toBe("invalid_grant");
    // 200 requests through the real database on a shared, loaded machine: correctness, not speed, is measured here.
  }, 90_000);

  it("serves a token outside its margin from the store, and refreshes one inside it (min_valid_seconds too), capped at half its lifetime", async () => {
    const connection = await f.createConnection();
    // An hour-long token with ten minutes left: outside the default five-minute margin.
    const original = await f.authorize(connection.id, {
      obtainedAt: new Date(Date.now() - 50 * 60_000),
      expiresAt: new Date(Date.now() + 10 * 60_000),
    });
    const { key } = await f.createKey();
    const before = f.proxy.count("refresh_token");
    const cached = await f.callTokenApi(key, connection.id);
    expect(cached.body.access_token).toBe(original.accessToken);
    expect(cached.response.headers.get("handshake-warning")).toBeNull();
    expect(f.proxy.count("refresh_token")).toBe(before);

    const longer = await f.callTokenApi(key, connection.id, { min_valid_seconds: "900" });
    expect(longer.response.status).toBe(200);
    expect(longer.body.access_token).not.toBe(original.accessToken);
    expect(f.proxy.count("refresh_token")).toBe(before + 1);

    // The new token lives ten minutes: neither min_valid_seconds nor a margin of an hour replaces it
    // before half its lifetime has passed; the answer says the caller got less than it asked for.
    const again = await f.callTokenApi(key, connection.id, { min_valid_seconds: "900" });
    expect(again.body.access_token).toBe(longer.body.access_token);
    expect(again.response.headers.get("handshake-warning")).toMatch(/less than the 900 s asked/);
    await f.db.connection.update({ where: { id: connection.id }, data: { refreshMarginSeconds: 3600 } });
    const capped = await f.callTokenApi(key, connection.id);
    expect(capped.body.access_token).toBe(longer.body.access_token);
    expect(f.proxy.count("refresh_token")).toBe(before + 1);

    // A three-hour token with fifty minutes left is inside that margin.
    const aged = await f.authorize(connection.id, {
      obtainedAt: new Date(Date.now() - 130 * 60_000),
      expiresAt: new Date(Date.now() + 50 * 60_000),
    });
    const margin = await f.callTokenApi(key, connection.id);
    expect(margin.body.access_token).not.toBe(aged.accessToken);
    expect(f.proxy.count("refresh_token")).toBe(before + 2);
  });

  it("fetches client-credentials tokens on demand, once for concurrent first callers", async () => {
    const connection = await f.createConnection({ grantType: "client_credentials" });
    const { key } = await f.createKey();
    const before = f.proxy.count("client_credentials");
    const results = await Promise.all(Array.from({ length: 50 }, () => f.callTokenApi(key, connection.name)));
    expect(results.every((r) => r.response.status === 200)).toBe(true);
    expect(new Set(results.map((r) => r.body.access_token)).size).toBe(1);
    expect(f.proxy.count("client_credentials") - before).toBe(1);
    const again = await f.callTokenApi(key, connection.name);
    expect(again.body.access_token).toBe(results[0]!.body.access_token);
    expect(f.proxy.count("client_credentials") - before).toBe(1);
    const sets = await f.db.tokenSet.findMany({ where: { connectionId: connection.id } });
    expect(sets).toHaveLength(1);
    expect(sets[0]!.refreshTokenEncrypted).toBeNull();
  });

  it("serves Per-user connections per user and asks for the user", async () => {
    const connection = await f.createConnection({ tokenSharing: "PER_USER" });
    const user = await f.db.user.create({ data: { email: `bob-${Date.now()}@tokens.test`, passwordHash: "x" } });
    const bob = await f.authorize(connection.id, {
      expiresAt: new Date(Date.now() + 3_600_000),
      userId: user.id,
      login: "bob",
    });
    const { key } = await f.createKey({ userAccess: "ALL_USERS" });
    const missing = await f.callTokenApi(key, connection.id);
    expect(missing.response.status).toBe(400);
    expect(missing.body.type).toBe("urn:handshake:problem:invalid-request");
    const served = await f.callTokenApi(key, connection.id, { user: user.email });
    expect(served.body.access_token).toBe(bob.accessToken);
    const nobody = await f.callTokenApi(key, connection.id, { user: "nobody@tokens.test" });
    expect(nobody.response.status).toBe(409);
    expect(nobody.body.type).toBe("urn:handshake:problem:no-token-set");
    expect(nobody.body.authorize_url).toBe(`http://127.0.0.1:9/connections/${connection.id}`);
  });
});
