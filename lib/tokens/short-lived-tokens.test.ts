/**
 * Short-lived tokens through the token API, against a real oidc-provider (through a counting
 * proxy) and a real database: however the API is called, a token is requested from the server at
 * most once per half its lifetime, and a caller asking for longer than tokens live is told so.
 */
import { describe, expect, it } from "vitest";
import { startTokenApiFixturePerFile } from "@/lib/testing/token-api-fixture-per-file";

const f = startTokenApiFixturePerFile();
const past = () => new Date(Date.now() - 60_000);

describe("short-lived tokens, requested once per half lifetime", () => {
  it("asks the server once however often min_valid_seconds asks for more than a token lives, and says so", async () => {
    const connection = await f.createConnection();
    await f.authorize(connection.id, { expiresAt: past() });
    const { key } = await f.createKey();
    const before = f.proxy.count("refresh_token");
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await f.callTokenApi(key, connection.id, { min_valid_seconds: "7200" }));

    expect(f.proxy.count("refresh_token") - before).toBe(1);
    expect(answers.map((a) => a.response.status)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => a.body.access_token)).size).toBe(1);
    for (const answer of answers) {
      expect(answer.body.expires_in).toBeLessThanOrEqual(600);
      expect(answer.response.headers.get("handshake-warning")).toMatch(/^199 handshake ".*less than the 7200 s asked/);
    }
    expect(await f.db.auditEvent.count({ where: { connectionId: connection.id, action: "token.refreshed" } })).toBe(1);
  });

  it("serves 200 concurrent first callers of a client-credentials connection with five-minute tokens with one token request at the server", async () => {
    // The provider's tokens live exactly the default refresh margin (300 s), as Keycloak's do.
    const connection = await f.createConnection({ grantType: "client_credentials" });
    const { key } = await f.createKey();
    const before = f.proxy.count("client_credentials");

    const results = await Promise.all(Array.from({ length: 200 }, () => f.callTokenApi(key, connection.name)));

    expect(results.map((r) => r.response.status)).toEqual(Array(200).fill(200));
    expect(new Set(results.map((r) => r.body.access_token)).size).toBe(1);
    expect(f.proxy.count("client_credentials") - before).toBe(1);
    expect(results[0]!.body.expires_in).toBeLessThanOrEqual(300);
    const later = await Promise.all(Array.from({ length: 20 }, () => f.callTokenApi(key, connection.name)));
    expect(new Set(later.map((r) => r.body.access_token))).toEqual(new Set([results[0]!.body.access_token]));
    expect(f.proxy.count("client_credentials") - before).toBe(1);
    expect(await f.db.auditEvent.count({ where: { connectionId: connection.id, action: "token.refreshed" } })).toBe(1);
  }, 90_000);
});
