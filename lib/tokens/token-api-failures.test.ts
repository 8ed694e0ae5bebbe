/**
 * Token API failures through the real oidc-provider and a real database: a revoked refresh token
 * needs re-authorization, a refused renewal is served while valid with a warning, a provider that
 * is down gets a cool-down and 503 with Retry-After.
 */
import { describe, expect, it } from "vitest";
import { startTokenApiFixturePerFile } from "@/lib/testing/token-api-fixture-per-file";

const f = startTokenApiFixturePerFile();
const past = () => new Date(Date.now() - 60_000);

async function revokeAtProvider(token: string): Promise<void> {
  const { revokeAtProvider } = await import("@/lib/testing/obtain-provider-tokens");
  const { FIXTURE_CLIENTS } = await import("@/lib/testing/token-api-fixture");
  await revokeAtProvider({ issuer: f.provider.issuer, ...FIXTURE_CLIENTS.web, token });
}

describe("failures through the real server", () => {
  it("marks a set whose refresh token was revoked as needing re-authorization and stops calling the provider", async () => {
    const connection = await f.createConnection();
    const original = await f.authorize(connection.id, { expiresAt: past() });
    await revokeAtProvider(original.refreshToken);
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
    await revokeAtProvider(original.refreshToken);
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
