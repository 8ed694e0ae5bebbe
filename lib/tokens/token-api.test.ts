/**
 * The token API against a real oidc-provider (through a counting proxy) and a real database:
 * exactly one refresh for 200 concurrent callers, rotation, the default lifetime, failures, and
 * who may read what.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TokenApiFixture } from "@/lib/testing/token-api-fixture";

let f: TokenApiFixture;
let lib: {
  revokeApiKey: typeof import("@/lib/api-keys/manage-api-keys").revokeApiKey;
  flushTokenReads: typeof import("@/lib/api-keys/usage-recorder").flushTokenReads;
  tryRefreshAtProvider: typeof import("@/lib/testing/obtain-provider-tokens").tryRefreshAtProvider;
  introspectAtProvider: typeof import("@/lib/testing/obtain-provider-tokens").introspectAtProvider;
  revokeAtProvider: (token: string) => Promise<void>;
};
const past = () => new Date(Date.now() - 60_000);

beforeAll(async () => {
  const { startTokenApiFixture, FIXTURE_CLIENTS } = await import("@/lib/testing/token-api-fixture");
  f = await startTokenApiFixture();
  lib = {
    ...(await import("@/lib/api-keys/manage-api-keys")),
    ...(await import("@/lib/api-keys/usage-recorder")),
    ...(await import("@/lib/testing/obtain-provider-tokens")),
    revokeAtProvider: async (token) => {
      const { revokeAtProvider } = await import("@/lib/testing/obtain-provider-tokens");
      await revokeAtProvider({
        issuer: f.provider.issuer,
        clientId: FIXTURE_CLIENTS.web.clientId,
        clientSecret: FIXTURE_CLIENTS.web.clientSecret,
        token,
      });
    },
  };
  // Migrations in a child process plus the provider: slow on a loaded machine.
}, 120_000);

afterAll(async () => {
  await f?.close();
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
    expect(Object.keys(first.body).sort()).toEqual([
      "access_token",
      "connection_id",
      "connection_name",
      "expires_at",
      "expires_in",
      "scope",
      "token_type",
    ]);
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

describe("failures through the real server", () => {
  it("marks a set whose refresh token was revoked as needing re-authorization and stops calling the provider", async () => {
    const connection = await f.createConnection();
    const original = await f.authorize(connection.id, { expiresAt: past() });
    await lib.revokeAtProvider(original.refreshToken);
    const { key } = await f.createKey();
    const before = f.proxy.count("refresh_token");

    const first = await f.callTokenApi(key, connection.id);
    expect(first.response.status).toBe(409);
    expect(first.response.headers.get("content-type")).toBe("application/problem+json");
    expect(first.body).toMatchObject({
      type: "urn:handshake:problem:reauthorization-required",
      status: 409,
      connection_id: connection.id,
    });
    expect(String(first.body.detail)).toContain("invalid_grant");
    const after = await f.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(after.health).toBe("FAILING");

    const again = await Promise.all(Array.from({ length: 5 }, () => f.callTokenApi(key, connection.id)));
    expect(again.every((r) => r.response.status === 409)).toBe(true);
    expect(f.proxy.count("refresh_token") - before).toBe(1);
    const failed = await f.db.auditEvent.findMany({
      where: { connectionId: connection.id, action: "token.refresh_failed" },
    });
    expect(failed).toHaveLength(1);

    // Reconnecting (a new authorization) clears the state.
    const renewed = await f.authorize(connection.id, { expiresAt: new Date(Date.now() + 3_600_000) });
    const served = await f.callTokenApi(key, connection.id);
    expect(served.body.access_token).toBe(renewed.accessToken);
  });

  it("serves a client-credentials token the provider refused to renew while it is valid, then says an admin must fix and test the connection; the refusal is no edit", async () => {
    const { encryptSecret } = await import("@/lib/crypto/secret-box");
    const editor = await f.db.user.create({
      data: { email: `editor-${Date.now()}@tokens.test`, passwordHash: "x", role: "ADMIN" },
    });
    const connection = await f.createConnection({ grantType: "client_credentials" });
    const created = await f.createKey({ name: "nightly sync" });
    const { key } = created;
    const { displayPrefix } = await f.db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    const first = await f.callTokenApi(key, connection.id);
    expect(first.response.status).toBe(200);
    const set = await f.db.tokenSet.findUniqueOrThrow({
      where: { connectionId_ownerKey: { connectionId: connection.id, ownerKey: "shared" } },
    });

    // An admin last edited the connection an hour ago; since then the client's secret was rotated at the provider.
    const editedAt = new Date(Date.now() - 3_600_000);
    await f.db.connection.update({
      where: { id: connection.id },
      data: {
        clientSecretEncrypted: encryptSecret("rotated-away-at-the-provider", {
          recordId: connection.id,
          field: "clientSecret",
        }),
        updatedById: editor.id,
        updatedAt: editedAt,
      },
    });
    // The five-minute token has two minutes left: past half its lifetime, so the next call asks for a new one.
    await f.db.tokenSet.update({
      where: { id: set.id },
      data: { obtainedAt: new Date(Date.now() - 180_000), expiresAt: new Date(Date.now() + 120_000) },
    });
    const before = f.proxy.count("client_credentials");

    const warned = await f.callTokenApi(key, connection.id);
    expect(warned.response.status).toBe(200);
    expect(warned.body.access_token).toBe(first.body.access_token);
    expect(warned.response.headers.get("handshake-warning")).toMatch(
      /refused the token request; serving the still-valid token .* An admin must fix and test the connection/,
    );
    expect(f.proxy.count("client_credentials") - before).toBe(1);
    const again = await f.callTokenApi(key, connection.id);
    expect(again.response.status).toBe(200);
    expect(again.response.headers.get("handshake-warning")).toMatch(/refused the token request/);
    expect(f.proxy.count("client_credentials") - before).toBe(1);

    // Health names the cause and the key that triggered it; "last changed" still names the editor, an hour ago.
    const after = await f.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(after.health).toBe("FAILING");
    expect(JSON.parse(after.healthProblem!)).toMatchObject({
      source: "api",
      code: "invalid_client",
      by: `API key nightly sync (${displayPrefix}…)`,
      owner: "shared",
    });
    expect(after.updatedById).toBe(editor.id);
    expect(after.updatedAt.toISOString()).toBe(editedAt.toISOString());

    await f.db.tokenSet.update({ where: { id: set.id }, data: { expiresAt: past() } });
    const refused = await f.callTokenApi(key, connection.id);
    expect(refused.response.status).toBe(409);
    expect(refused.body).toMatchObject({
      type: "urn:handshake:problem:token-request-refused",
      title: expect.stringMatching(/admin must fix and test/),
      connection_id: connection.id,
    });
    expect(String(refused.body.detail)).toMatch(
      /^The provider refused the token request \(.*invalid_client.*\)\. .*an admin fixes the connection at .* and tests it\.$/,
    );
    expect(String(refused.body.detail)).not.toMatch(/authoriz/i);
    expect(refused.body.authorize_url).toBeUndefined();
    expect(f.proxy.count("client_credentials") - before).toBe(1);
  });

  it("serves a code-flow token whose refresh the provider refused while it is still valid, with a warning", async () => {
    const connection = await f.createConnection();
    // An hour-long token with a minute left: inside the margin, still valid.
    const original = await f.authorize(connection.id, {
      obtainedAt: new Date(Date.now() - 59 * 60_000),
      expiresAt: new Date(Date.now() + 60_000),
    });
    await lib.revokeAtProvider(original.refreshToken);
    const { key } = await f.createKey();
    const warned = await f.callTokenApi(key, connection.id);
    expect(warned.response.status).toBe(200);
    expect(warned.body.access_token).toBe(original.accessToken);
    expect(warned.response.headers.get("handshake-warning")).toMatch(
      /refused the refresh; serving the still-valid token .* must be authorized again/,
    );
    expect((await f.db.tokenSet.findUniqueOrThrow({ where: { id: original.tokenSetId } })).state).toBe(
      "NEEDS_REAUTHORIZATION",
    );
    await f.db.tokenSet.update({ where: { id: original.tokenSetId }, data: { expiresAt: past() } });
    const refused = await f.callTokenApi(key, connection.id);
    expect(refused.response.status).toBe(409);
    expect(refused.body.type).toBe("urn:handshake:problem:reauthorization-required");
  });

  it("serves a still-valid token with a warning when the provider is down, then 503 with Retry-After, respecting the cool-down", async () => {
    const connection = await f.createConnection();
    // An hour-long token with a minute left: inside the margin, still valid.
    const original = await f.authorize(connection.id, {
      obtainedAt: new Date(Date.now() - 59 * 60_000),
      expiresAt: new Date(Date.now() + 60_000),
    });
    const { key } = await f.createKey();
    const before = f.proxy.count("refresh_token");
    f.proxy.setMode("unavailable");
    try {
      const warned = await f.callTokenApi(key, connection.id);
      expect(warned.response.status).toBe(200);
      expect(warned.body.access_token).toBe(original.accessToken);
      expect(warned.response.headers.get("handshake-warning")).toMatch(/Refresh failed/);
      expect(f.proxy.count("refresh_token") - before).toBe(1);

      const cooling = await Promise.all(Array.from({ length: 5 }, () => f.callTokenApi(key, connection.id)));
      expect(cooling.every((r) => r.response.status === 200 && r.response.headers.get("handshake-warning"))).toBe(true);
      expect(f.proxy.count("refresh_token") - before).toBe(1);

      await f.db.tokenSet.update({ where: { id: original.tokenSetId }, data: { expiresAt: past() } });
      const unavailable = await f.callTokenApi(key, connection.id);
      expect(unavailable.response.status).toBe(503);
      expect(unavailable.body.type).toBe("urn:handshake:problem:provider-unavailable");
      const retryAfter = Number(unavailable.response.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(30);
      expect(f.proxy.count("refresh_token") - before).toBe(1);

      // Once the cool-down has passed, the next caller tries again: connection refused this time.
      f.proxy.setMode("down");
      await f.db.tokenSet.update({ where: { id: original.tokenSetId }, data: { coolDownUntil: past() } });
      const refused = await f.callTokenApi(key, connection.id);
      expect(refused.response.status).toBe(503);
      expect(refused.response.headers.get("retry-after")).toBeTruthy();
      expect(f.proxy.count("refresh_token") - before).toBe(2);
      const health = await f.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
      expect(health.health).not.toBe("FAILING");
    } finally {
      f.proxy.setMode("up");
    }
    await f.db.tokenSet.update({ where: { id: original.tokenSetId }, data: { coolDownUntil: past() } });
    const recovered = await f.callTokenApi(key, connection.id);
    expect(recovered.response.status).toBe(200);
    expect(recovered.response.headers.get("handshake-warning")).toBeNull();
    expect(recovered.body.access_token).not.toBe(original.accessToken);
  });
});

describe("who may read what", () => {
  it("refuses missing, malformed, unknown, revoked and expired keys with 401 and a Bearer challenge", async () => {
    const connection = await f.createConnection({ grantType: "client_credentials" });
    const missing = await f.callTokenApi(null, connection.id);
    expect(missing.response.status).toBe(401);
    expect(missing.response.headers.get("www-authenticate")).toBe('Bearer realm="handshake-token-api"');
    const malformed = await f.callTokenApi("hsk_not-a-key", connection.id);
    expect(malformed.response.headers.get("www-authenticate")).toContain('error="invalid_token"');
    const { generateApiKey } = await import("@/lib/api-keys/key-format");
    expect((await f.callTokenApi(generateApiKey(), connection.id)).response.status).toBe(401);

    const { id, key } = await f.createKey();
    expect((await f.callTokenApi(key, connection.id)).response.status).toBe(200);
    await lib.revokeApiKey({ id: null, email: "admin@tokens.test", role: "ADMIN", ip: null, userAgent: null }, id);
    const revoked = await f.callTokenApi(key, connection.id);
    expect(revoked.response.status).toBe(401);
    expect(revoked.body).toMatchObject({
      type: "urn:handshake:problem:invalid-api-key",
      detail: "The API key was revoked.",
    });

    const other = await f.createKey();
    await f.db.apiKey.update({ where: { id: other.id }, data: { expiresAt: past() } });
    expect((await f.callTokenApi(other.key, connection.id)).body.detail).toBe("The API key has expired.");
  });

  it("refuses a key for connection A on connection B, and disabled or unknown connections", async () => {
    const a = await f.createConnection({ grantType: "client_credentials" });
    const b = await f.createConnection({ grantType: "client_credentials" });
    const { key } = await f.createKey({ connectionIds: [a.id] });
    expect((await f.callTokenApi(key, a.name)).response.status).toBe(200);
    const refused = await f.callTokenApi(key, b.name);
    expect(refused.response.status).toBe(404);
    expect(refused.body.type).toBe("urn:handshake:problem:connection-not-found");
    expect((await f.callTokenApi(key, "no such connection")).body.type).toBe(
      "urn:handshake:problem:connection-not-found",
    );

    const all = await f.createKey();
    expect((await f.callTokenApi(all.key, "no such connection")).body.type).toBe(
      "urn:handshake:problem:connection-not-found",
    );
    await f.db.connection.update({ where: { id: a.id }, data: { enabled: false } });
    const disabled = await f.callTokenApi(key, a.id);
    expect(disabled.response.status).toBe(409);
    expect(disabled.body.type).toBe("urn:handshake:problem:connection-disabled");
  });

  it("rate-limits per key with 429 and Retry-After", async () => {
    const connection = await f.createConnection({ grantType: "client_credentials" });
    const { key } = await f.createKey({ rateLimitPerMinute: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await f.callTokenApi(key, connection.id));
    // The window may roll over between calls; then the fourth is allowed and the test repeats itself.
    const limited = statuses.find((s) => s.response.status === 429) ?? (await f.callTokenApi(key, connection.id));
    expect(limited.response.status).toBe(429);
    expect(Number(limited.response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.body.type).toBe("urn:handshake:problem:rate-limited");
  });

  it("stores keys only as hashes, counts reads, and keeps keys and tokens out of the audit trail", async () => {
    const connection = await f.createConnection({ grantType: "client_credentials" });
    const { id, key } = await f.createKey({ connectionIds: [connection.id] });
    const served = await f.callTokenApi(key, connection.id);
    await f.callTokenApi(key, connection.id);
    await lib.flushTokenReads();
    const row = await f.db.apiKey.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(row)).not.toContain(key.slice(4));
    expect(row.lastUsedAt).not.toBeNull();
    const reads = await f.db.tokenReadCount.findMany({ where: { apiKeyId: id } });
    expect(reads.map((r) => [r.connectionId, r.count])).toEqual([[connection.id, 2]]);
    const set = await f.db.tokenSet.findFirstOrThrow({ where: { connectionId: connection.id } });
    expect(set.lastServedAt).not.toBeNull();
    const audit = JSON.stringify(await f.db.auditEvent.findMany());
    expect(audit).not.toContain(key.slice(4));
    expect(audit).not.toContain(String(served.body.access_token));
    expect(audit).toContain("api_key.created");
  });
});
