/**
 * Stored token sets are bound to what issued them (issuer, token endpoint origin, client ID):
 * an edit that moves any of them marks the sets "needs re-authorization", and a refresh never
 * sends a stored refresh token anywhere else, against a real oidc-provider and database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TokenApiFixture } from "@/lib/testing/token-api-fixture";
import type { ConnectionFormValues } from "@/lib/schemas/connection";
// The attacker's host of the browser stories: it records every request it receives.
import { startCollector, type Collector } from "@/e2e/support/collector";

let f: TokenApiFixture;
let collector: Collector;
const past = () => new Date(Date.now() - 60_000);

/** A connection whose stored set is due for a refresh, and an API key that may read it. */
async function connectionWithExpiredSet() {
  const connection = await f.createConnection();
  const original = await f.authorize(connection.id, { expiresAt: past() });
  const { key } = await f.createKey();
  return { connection, original, key };
}

beforeAll(async () => {
  const { startTokenApiFixture } = await import("@/lib/testing/token-api-fixture");
  f = await startTokenApiFixture();
  collector = await startCollector();
}, 120_000);

afterAll(async () => {
  await collector?.close();
  await f?.close();
});

async function edit(connectionId: string, change: Partial<ConnectionFormValues>) {
  const [{ updateConnection }, { connectionFormValuesFrom }, { createConnectionSchemas }, { FIXTURE_ADMIN }] =
    await Promise.all([
      import("@/lib/connections/manage-connections"),
      import("@/lib/connections/connection-record"),
      import("@/lib/schemas/connection"),
      import("@/lib/testing/token-api-fixture"),
    ]);
  const row = await f.db.connection.findUniqueOrThrow({ where: { id: connectionId } });
  const values = { ...connectionFormValuesFrom(row), authorizationUrl: `${f.provider.issuer}/auth`, ...change };
  const input = createConnectionSchemas({ allowHttp: true, hasStoredSecret: true }).full.parse(values);
  return updateConnection(FIXTURE_ADMIN, { connectionId, version: row.version, input });
}

describe("an edit that moves what issued the tokens", () => {
  it("moving the token URL (a new secret typed for the new host) marks the set, and its refresh token never reaches the new host", async () => {
    const { connection, original, key } = await connectionWithExpiredSet();
    await edit(connection.id, { tokenUrl: `${collector.url}/token`, clientSecret: "typed-for-the-new-host" });

    const set = await f.db.tokenSet.findUniqueOrThrow({ where: { id: original.tokenSetId } });
    expect(set.state).toBe("NEEDS_REAUTHORIZATION");
    expect(set.lastRefreshError).toMatch(
      /^The token endpoint moved from http:\/\/127\.0\.0\.1:\d+ to http:\/\/127\.0\.0\.1:\d+\./,
    );
    const updated = await f.db.auditEvent.findFirstOrThrow({
      where: { connectionId: connection.id, action: "connection.updated" },
      orderBy: { seq: "desc" },
    });
    expect(JSON.parse(updated.details)).toMatchObject({
      storedSets: expect.stringMatching(/^The token endpoint moved .* needs? re-authorization/),
    });

    const served = await f.callTokenApi(key, connection.id);
    expect(served.response.status).toBe(409);
    expect(served.body.type).toBe("urn:handshake:problem:reauthorization-required");
    expect(collector.requests).toEqual([]);
  });

  it("changing the client ID or the issuer marks the sets too; editing anything else does not", async () => {
    const connection = await f.createConnection();
    const original = await f.authorize(connection.id, { expiresAt: new Date(Date.now() + 3_600_000) });
    await edit(connection.id, { refreshMarginSeconds: 120 });
    expect((await f.db.tokenSet.findUniqueOrThrow({ where: { id: original.tokenSetId } })).state).toBe("VALID");

    await edit(connection.id, { clientId: "another-client", clientSecret: "another-client-secret" });
    const set = await f.db.tokenSet.findUniqueOrThrow({ where: { id: original.tokenSetId } });
    expect(set.state).toBe("NEEDS_REAUTHORIZATION");
    expect(set.lastRefreshError).toBe("The client ID changed from tokens-web to another-client.");
  });
});

describe("a refresh checks the set's binding before anything is sent", () => {
  it("refuses a set whose connection now points elsewhere without an edit (a race, or a change behind the console's back)", async () => {
    const { connection, original, key } = await connectionWithExpiredSet();
    await f.db.connection.update({
      where: { id: connection.id },
      data: { tokenUrl: `${collector.url}/token`, clientAuthMethod: "none" },
    });

    const served = await f.callTokenApi(key, connection.id);
    expect(served.response.status).toBe(409);
    expect(served.body.detail).toContain("Stored tokens not sent to a new place");
    expect(collector.requests).toEqual([]);
    const set = await f.db.tokenSet.findUniqueOrThrow({ where: { id: original.tokenSetId } });
    expect(set.state).toBe("NEEDS_REAUTHORIZATION");
    const failed = await f.db.auditEvent.findFirstOrThrow({
      where: { connectionId: connection.id, action: "token.refresh_failed" },
    });
    expect(JSON.parse(failed.details)).toMatchObject({
      error: "token_binding_changed",
      outcome: "needs re-authorization",
    });
  });

  it("refuses when live discovery names a token endpoint on another origin than the one that issued the set", async () => {
    const { connection, original, key } = await connectionWithExpiredSet();
    // The stored discovery document still names the endpoint that issued the set; the live one names the provider's own.
    await f.db.connection.update({
      where: { id: connection.id },
      data: {
        tokenUrl: null,
        clientAuthMethod: "none",
        discoveryMetadata: JSON.stringify({ issuer: f.provider.issuer, token_endpoint: `${f.proxy.origin}/token` }),
      },
    });
    const before = f.proxy.count("refresh_token");

    const served = await f.callTokenApi(key, connection.id);
    expect(served.response.status).toBe(409);
    const set = await f.db.tokenSet.findUniqueOrThrow({ where: { id: original.tokenSetId } });
    expect(set.lastRefreshError).toContain(
      `The token endpoint is now at ${new URL(f.provider.issuer).origin}, not ${f.proxy.origin}.`,
    );
    expect(f.proxy.count("refresh_token")).toBe(before);
  });
});
