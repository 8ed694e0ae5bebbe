/**
 * Per-user access is a grant of its own on a key, through the real token API, database and
 * oidc-provider: shared tokens only, named users or all users; a disabled user's sets are
 * suspended (never served, never refreshed); a key's last use records its address and user agent.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TokenApiFixture } from "@/lib/testing/token-api-fixture";

let f: TokenApiFixture;
let flushTokenReads: typeof import("@/lib/api-keys/usage-recorder").flushTokenReads;
let setUserDisabled: typeof import("@/lib/users/manage-users").setUserDisabled;

beforeAll(async () => {
  const { startTokenApiFixture } = await import("@/lib/testing/token-api-fixture");
  f = await startTokenApiFixture();
  ({ flushTokenReads } = await import("@/lib/api-keys/usage-recorder"));
  ({ setUserDisabled } = await import("@/lib/users/manage-users"));
  // Migrations in a child process plus the provider: slow on a loaded machine.
}, 120_000);

afterAll(async () => {
  await f?.close();
});

let users = 0;
async function connectUser(connectionId: string, expiresAt = new Date(Date.now() + 3_600_000)) {
  users += 1;
  const user = await f.db.user.create({
    data: { email: `user-${users}-${Date.now().toString(36)}@tokens.test`, passwordHash: "x" },
  });
  const set = await f.authorize(connectionId, { expiresAt, userId: user.id, login: `user${users}` });
  return { ...user, ...set };
}

describe("per-user access", () => {
  it("refuses users' tokens to a key allowed shared tokens only, while it still reads shared connections", async () => {
    const perUser = await f.createConnection({ tokenSharing: "PER_USER" });
    const shared = await f.createConnection({ grantType: "client_credentials" });
    const alice = await connectUser(perUser.id);
    const { key } = await f.createKey();

    const refused = await f.callTokenApi(key, perUser.id, { user: alice.email });
    expect(refused.response.status).toBe(403);
    expect(refused.body.type).toBe("urn:handshake:problem:user-not-allowed");
    expect(JSON.stringify(refused.body)).not.toContain(alice.accessToken);
    expect((await f.callTokenApi(key, shared.id)).response.status).toBe(200);
  });

  it("serves a key's chosen users only, without telling others apart from unknown emails", async () => {
    const connection = await f.createConnection({ tokenSharing: "PER_USER" });
    const alice = await connectUser(connection.id);
    const bob = await connectUser(connection.id);
    const { key } = await f.createKey({ userAccess: "CHOSEN_USERS", userIds: [alice.id] });

    expect((await f.callTokenApi(key, connection.id, { user: alice.email })).body.access_token).toBe(alice.accessToken);
    const other = await f.callTokenApi(key, connection.id, { user: bob.email });
    expect(other.response.status).toBe(403);
    expect(other.body.type).toBe("urn:handshake:problem:user-not-allowed");
    const unknown = await f.callTokenApi(key, connection.id, { user: "nobody@tokens.test" });
    expect(unknown.body).toMatchObject({ type: other.body.type, status: 403 });

    const all = await f.createKey({ userAccess: "ALL_USERS" });
    expect((await f.callTokenApi(all.key, connection.id, { user: bob.email })).body.access_token).toBe(bob.accessToken);
  });

  it("suspends a disabled user's sets: never served nor refreshed, served again once enabled", async () => {
    const connection = await f.createConnection({ tokenSharing: "PER_USER" });
    const carol = await connectUser(connection.id, new Date(Date.now() - 60_000));
    const { key } = await f.createKey({ userAccess: "ALL_USERS" });
    const admin = { id: null, email: "admin@tokens.test", role: "ADMIN", ip: null, userAgent: null };
    await setUserDisabled(admin, carol.id, true);
    const before = f.proxy.count("refresh_token");

    const suspended = await f.callTokenApi(key, connection.id, { user: carol.email });
    expect(suspended.response.status).toBe(409);
    expect(suspended.body.type).toBe("urn:handshake:problem:user-suspended");
    expect(JSON.stringify(suspended.body)).not.toContain(carol.accessToken);
    expect(f.proxy.count("refresh_token")).toBe(before);

    await setUserDisabled(admin, carol.id, false);
    const served = await f.callTokenApi(key, connection.id, { user: carol.email });
    expect(served.response.status).toBe(200);
    expect(f.proxy.count("refresh_token")).toBe(before + 1);
  });

  it("never refreshes a disabled user's set in the background", async () => {
    const { startBackgroundRefresher } = await import("@/lib/tokens/background-refresher");
    const connection = await f.createConnection({ tokenSharing: "PER_USER" });
    const dave = await connectUser(connection.id, new Date(Date.now() + 120_000));
    await f.db.user.update({ where: { id: dave.id }, data: { disabled: true } });
    const refresher = startBackgroundRefresher(f.db, { intervalMs: 60_000 });
    try {
      await refresher.runOnce();
    } finally {
      await refresher.stop();
    }
    expect((await f.storedSecrets(dave.tokenSetId)).set.refreshCount).toBe(0);
  });
});

describe("what Connect my account tells a user", () => {
  it("lists the usable keys that may read this user's token on this connection, and no other", async () => {
    const { listKeysReadingUserToken } = await import("@/lib/api-keys/list-api-keys");
    const connection = await f.createConnection({ tokenSharing: "PER_USER" });
    const elsewhere = await f.createConnection({ tokenSharing: "PER_USER" });
    const frank = await connectUser(connection.id);
    const grace = await connectUser(connection.id);
    const all = await f.createKey({ name: "reads everyone", userAccess: "ALL_USERS" });
    const chosen = await f.createKey({
      name: "reads frank",
      connectionIds: [connection.id],
      userAccess: "CHOSEN_USERS",
      userIds: [frank.id],
    });
    await f.createKey({ name: "reads grace", userAccess: "CHOSEN_USERS", userIds: [grace.id] });
    await f.createKey({ name: "shared only" });
    await f.createKey({ name: "other connection", connectionIds: [elsewhere.id], userAccess: "ALL_USERS" });
    const revoked = await f.createKey({ name: "revoked", userAccess: "ALL_USERS" });
    await f.db.apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });

    const keys = await listKeysReadingUserToken(connection.id, frank.id);
    // Other tests' all-users keys on all connections are rightly listed too: look at this test's keys.
    const mine = new Set([
      all.id,
      chosen.id,
      revoked.id,
      ...(
        await f.db.apiKey.findMany({ where: { name: { in: ["reads grace", "shared only", "other connection"] } } })
      ).map((k) => k.id),
    ]);
    expect(keys.filter((k) => mine.has(k.id)).map((k) => k.name)).toEqual(["reads everyone", "reads frank"]);
    expect(JSON.stringify(keys)).not.toContain(all.key.slice(4));
  });
});

describe("key creation and use", () => {
  it("audits the per-user grant by user email, never the key", async () => {
    const connection = await f.createConnection({ tokenSharing: "PER_USER" });
    const erin = await connectUser(connection.id);
    const { id, key } = await f.createKey({ userAccess: "CHOSEN_USERS", userIds: [erin.id, erin.id] });
    const event = await f.db.auditEvent.findFirstOrThrow({ where: { action: "api_key.created", targetId: id } });
    expect(JSON.parse(event.details)).toMatchObject({ userAccess: "CHOSEN_USERS", users: [erin.email] });
    expect(JSON.stringify(event)).not.toContain(key.slice(4));
    expect(await f.db.apiKeyUser.count({ where: { apiKeyId: id } })).toBe(1);
  });

  it("refuses chosen users that no longer exist", async () => {
    await expect(f.createKey({ userAccess: "CHOSEN_USERS", userIds: ["no-such-user"] })).rejects.toThrow(
      /no longer exists/,
    );
  });

  it("records the address and user agent of a key's last use with its read counts", async () => {
    const connection = await f.createConnection({ grantType: "client_credentials" });
    const { id, key } = await f.createKey();
    await f.callTokenApi(key, connection.id, {}, { ip: "203.0.113.7", userAgent: "first-bot/1.0" });
    await f.callTokenApi(key, connection.id, {}, { ip: "198.51.100.23", userAgent: "billing-sync/2.4" });
    await flushTokenReads();
    const row = await f.db.apiKey.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ lastUsedIp: "198.51.100.23", lastUsedUserAgent: "billing-sync/2.4" });
    expect(row.lastUsedAt).not.toBeNull();
  });
});
