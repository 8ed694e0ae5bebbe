/**
 * Who may read what through the token API, against a real database: keys refused with 401 and a
 * Bearer challenge, a key for connection A refused on B, rate limits per key, keys stored only as
 * hashes, reads counted, keys and tokens kept out of the audit trail.
 */
import { describe, expect, it } from "vitest";
import { startTokenApiFixturePerFile } from "@/lib/testing/token-api-fixture-per-file";

const f = startTokenApiFixturePerFile();
const past = () => new Date(Date.now() - 60_000);

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
    await (
      await import("@/lib/api-keys/manage-api-keys")
    ).revokeApiKey({ id: null, email: "admin@tokens.test", role: "ADMIN", ip: null, userAgent: null }, id);
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

  it("answers concurrent requests read together each from its own key, connection and user", async () => {
    const a = await f.createConnection({ grantType: "client_credentials" });
    const b = await f.createConnection({ grantType: "client_credentials" });
    const perUser = await f.createConnection({ tokenSharing: "PER_USER" });
    const user = await f.db.user.create({ data: { email: `carol-${Date.now()}@tokens.test`, passwordHash: "x" } });
    const carol = await f.authorize(perUser.id, {
      expiresAt: new Date(Date.now() + 3_600_000),
      userId: user.id,
      login: "carol",
    });
    const onlyA = await f.createKey({ connectionIds: [a.id] });
    const all = await f.createKey({ userAccess: "ALL_USERS" });
    const tokenOf = async (ref: string) => (await f.callTokenApi(all.key, ref)).body.access_token;
    const tokens = { a: await tokenOf(a.id), b: await tokenOf(b.id) };
    const { generateApiKey } = await import("@/lib/api-keys/key-format");

    // Asked at once: the first is read alone, the rest together in the next read (lib/tokens/batch-reads.ts).
    const answers = await Promise.all([
      f.callTokenApi(onlyA.key, a.id),
      f.callTokenApi(onlyA.key, b.name),
      f.callTokenApi(all.key, b.name.toUpperCase()),
      f.callTokenApi(all.key, a.name),
      f.callTokenApi(generateApiKey(), a.id),
      f.callTokenApi(all.key, "no such connection"),
      f.callTokenApi(all.key, perUser.id, { user: user.email.toUpperCase() }),
      f.callTokenApi(all.key, perUser.id, { user: "nobody@tokens.test" }),
      f.callTokenApi(onlyA.key, a.id),
    ]);
    expect(answers.map((answer) => answer.response.status)).toEqual([200, 404, 200, 200, 401, 404, 200, 409, 200]);
    expect(answers.map((answer) => answer.body.access_token)).toEqual([
      tokens.a,
      undefined,
      tokens.b,
      tokens.a,
      undefined,
      undefined,
      carol.accessToken,
      undefined,
      tokens.a,
    ]);
    expect(answers[7]!.body.type).toBe("urn:handshake:problem:no-token-set");
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
    await (await import("@/lib/api-keys/usage-recorder")).flushTokenReads();
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
