/**
 * Safe edits (#20 items 1 and 2) against a real oidc-provider and database: a passed test records
 * the configuration it ran with, an untested edit never reaches the bots (refreshes run the last
 * good configuration), failures list what changed since, and each change reverts in one click.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db/generated/client";
import type { ConnectionFormValues } from "@/lib/schemas/connection";
import type { TokenApiFixture } from "@/lib/testing/token-api-fixture";
import { startQuirkProxy, type RunningQuirkProxy } from "@/lib/testing/quirk-proxy";

let f: TokenApiFixture;
let admin: Awaited<ReturnType<TokenApiFixture["createAdmin"]>>;
// The quirk proxy in front of the test authorization server refuses it with invalid_scope, as providers do for a scope the client may not have.
const REFUSED_SCOPE = "api:write";
let quirks: RunningQuirkProxy;

beforeAll(async () => {
  const { startTokenApiFixture } = await import("@/lib/testing/token-api-fixture");
  f = await startTokenApiFixture();
  quirks = await startQuirkProxy({ upstream: f.provider.issuer, quirks: { "tokens-cc": ["refuse-api-write"] } });
  admin = await f.createAdmin("safe-edits@unit.test");
}, 120_000);

afterAll(async () => {
  await quirks?.close();
  await f?.close();
});

const runTest = (connectionId: string) => f.runClientCredentialsTest(connectionId, admin);

async function edit(connectionId: string, change: Partial<ConnectionFormValues>) {
  const [{ updateConnection }, { connectionFormValuesFrom }, { createConnectionSchemas }] = await Promise.all([
    import("@/lib/connections/manage-connections"),
    import("@/lib/connections/connection-record"),
    import("@/lib/schemas/connection"),
  ]);
  const row = await f.db.connection.findUniqueOrThrow({ where: { id: connectionId } });
  const input = createConnectionSchemas({ allowHttp: true, hasStoredSecret: true }).full.parse({
    ...connectionFormValuesFrom(row),
    ...change,
  });
  return updateConnection(admin.actor, { connectionId, version: row.version, input });
}

async function expireSharedSet(connectionId: string) {
  await f.db.tokenSet.updateMany({ where: { connectionId }, data: { expiresAt: new Date(Date.now() - 60_000) } });
}

async function refusingConnection(): Promise<Connection> {
  return f.createConnection({ grantType: "client_credentials", tokenUrl: `${quirks.origin}/token` });
}

async function testedConnection(): Promise<Connection> {
  const connection = await refusingConnection();
  expect((await runTest(connection.id)).outcome).toBe("SUCCESS");
  return connection;
}

describe("a passed test records the configuration it ran with", () => {
  it("keeps the settings and the still-sealed secret, and a later passed test replaces them", async () => {
    const connection = await testedConnection();
    const good = await f.db.connectionGoodConfiguration.findUniqueOrThrow({ where: { connectionId: connection.id } });
    expect(good.clientSecretEncrypted).toBe(connection.clientSecretEncrypted);
    expect(JSON.parse(good.columns)).toMatchObject({
      clientId: connection.clientId,
      tokenUrl: connection.tokenUrl,
      scopes: "[]",
    });

    await edit(connection.id, { scopes: ["api:read"] });
    const { loadUntestedChanges } = await import("@/lib/connections/good-configuration");
    expect((await loadUntestedChanges(connection.id))?.changes.map((c) => c.label)).toEqual(["Scopes"]);
    const { testRunId, outcome } = await runTest(connection.id);
    expect(outcome).toBe("SUCCESS");
    const promoted = await f.db.connectionGoodConfiguration.findUniqueOrThrow({
      where: { connectionId: connection.id },
    });
    expect(promoted.testRunId).toBe(testRunId);
    expect(JSON.parse(promoted.columns)).toMatchObject({ scopes: '["api:read"]' });
    expect(await loadUntestedChanges(connection.id)).toBeNull();
  });

  it("a failed test changes nothing, and without any passed test there is nothing to compare", async () => {
    const { loadUntestedChanges } = await import("@/lib/connections/good-configuration");
    const untested = await refusingConnection();
    await edit(untested.id, { scopes: [REFUSED_SCOPE] });
    expect((await runTest(untested.id)).outcome).toBe("FAILED");
    expect(await f.db.connectionGoodConfiguration.findUnique({ where: { connectionId: untested.id } })).toBeNull();
    expect(await loadUntestedChanges(untested.id)).toBeNull();
  });
});

describe("an untested edit never reaches the bots", () => {
  it("a refused scope added: the test fails, and the token API still refreshes with the last good configuration", async () => {
    const connection = await testedConnection();
    const { key } = await f.createKey();
    await edit(connection.id, { scopes: [REFUSED_SCOPE] });
    const failed = await runTest(connection.id);
    expect(failed.outcome).toBe("FAILED");
    expect((await f.db.testRun.findUniqueOrThrow({ where: { id: failed.testRunId } })).diagnosis).toContain(
      "invalid_scope",
    );

    await expireSharedSet(connection.id);
    const { response, body } = await f.callTokenApi(key, connection.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("Handshake-Warning")).toBeNull();
    expect(String(body.scope ?? "")).not.toContain(REFUSED_SCOPE);
    const set = await f.db.tokenSet.findFirstOrThrow({ where: { connectionId: connection.id } });
    expect(set.state).not.toBe("NEEDS_REAUTHORIZATION");
    expect(set.expiresAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it("a changed client ID leaves the stored set usable: it is bound to the configuration the refresh still runs", async () => {
    const connection = await testedConnection();
    const { key } = await f.createKey();
    await edit(connection.id, { clientId: "someone-else" });
    const set = await f.db.tokenSet.findFirstOrThrow({ where: { connectionId: connection.id } });
    expect(set.state).not.toBe("NEEDS_REAUTHORIZATION");
    await expireSharedSet(connection.id);
    const { response } = await f.callTokenApi(key, connection.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("Handshake-Warning")).toBeNull();
  });

  it("a refused refresh while an edit is untested still serves the valid token bound to the tested configuration", async () => {
    const connection = await testedConnection();
    const { key } = await f.createKey();
    await edit(connection.id, { clientId: "someone-else" });
    // The provider refused the last tested configuration's refresh too: the set is still valid for a while.
    await f.db.tokenSet.updateMany({
      where: { connectionId: connection.id },
      data: {
        state: "NEEDS_REAUTHORIZATION",
        lastRefreshError: "invalid_client",
        expiresAt: new Date(Date.now() + 120_000),
      },
    });
    const { response } = await f.callTokenApi(key, connection.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("Handshake-Warning")).toMatch(/refused the token request/);
  });
});

describe("what changed since the last good test, and its revert", () => {
  it("names each changed field by its label, the secret without its value, and reverts one field at a time", async () => {
    const { loadUntestedChanges } = await import("@/lib/connections/good-configuration");
    const { revertConnectionField } = await import("@/lib/connections/revert-connection-field");
    const { rotateClientSecret } = await import("@/lib/connections/manage-connections");
    const connection = await testedConnection();
    await edit(connection.id, { scopes: [REFUSED_SCOPE], audience: "urn:kept" });
    await rotateClientSecret(admin.actor, { connectionId: connection.id, secret: "a-wrong-secret-value" });

    const untested = await loadUntestedChanges(connection.id);
    expect(untested?.changes).toEqual([
      { field: "clientSecret", label: "Client secret", before: null, after: null },
      { field: "scopes", label: "Scopes", before: "", after: REFUSED_SCOPE },
      { field: "audience", label: "Audience", before: "", after: "urn:kept" },
    ]);
    expect(JSON.stringify(untested)).not.toContain("a-wrong-secret-value");

    let row = await f.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    await revertConnectionField(admin.actor, { connectionId: connection.id, version: row.version, field: "scopes" });
    row = await f.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    await revertConnectionField(admin.actor, {
      connectionId: connection.id,
      version: row.version,
      field: "clientSecret",
    });
    row = await f.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(row.scopes).toBe("[]");
    expect(row.clientSecretEncrypted).toBe(connection.clientSecretEncrypted);
    expect((await loadUntestedChanges(connection.id))?.changes.map((c) => c.field)).toEqual(["audience"]);

    const events = await f.db.auditEvent.findMany({
      where: { connectionId: connection.id, action: "connection.updated" },
      orderBy: { seq: "asc" },
    });
    const reverts = events
      .map((e) => JSON.parse(e.details) as { revertedTo?: string; diff: Record<string, unknown> })
      .filter((d) => d.revertedTo);
    expect(reverts.map((d) => Object.keys(d.diff))).toEqual([["scopes"], ["clientSecret"]]);
    expect(JSON.stringify(reverts)).not.toContain(connection.clientSecretEncrypted!);

    // A stale page cannot revert over someone else's save.
    await expect(
      revertConnectionField(admin.actor, { connectionId: connection.id, version: row.version - 1, field: "audience" }),
    ).rejects.toThrow(/changed this connection/);
    await edit(connection.id, { audience: "" });
    expect((await runTest(connection.id)).outcome).toBe("SUCCESS");
  });
});
