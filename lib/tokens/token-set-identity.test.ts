/**
 * One identity for a token set (connection + owner) whoever writes it first: the token API's
 * client-credentials placeholder, then a connection test storing its token over it.
 */
import { expect, it } from "vitest";
import { startTokenApiFixturePerFile } from "@/lib/testing/token-api-fixture-per-file";

const f = startTokenApiFixturePerFile();

it("records a client-credentials test over the token set the token API created, and serves the test's token next", async () => {
  const { runClientCredentialsTest } = await import("@/lib/connection-tests/run-client-credentials-test");
  const { FIXTURE_ADMIN } = await import("@/lib/testing/token-api-fixture");
  const connection = await f.createConnection({ grantType: "client_credentials" });
  const { key } = await f.createKey();
  const first = await f.callTokenApi(key, connection.id);
  expect(first.response.status).toBe(200);

  const admin = await f.db.user.create({
    data: { email: `identity-${Date.now()}@tokens.test`, passwordHash: "x", role: "ADMIN" },
  });
  const test = await runClientCredentialsTest({
    connection: await f.db.connection.findUniqueOrThrow({ where: { id: connection.id } }),
    user: admin,
    actor: FIXTURE_ADMIN,
  });
  expect(test.outcome).toBe("SUCCESS");
  expect(await f.db.testRun.findUnique({ where: { id: test.testRunId } })).toMatchObject({
    status: "SUCCESS",
    connectionId: connection.id,
  });

  const sets = await f.db.tokenSet.findMany({ where: { connectionId: connection.id } });
  expect(sets).toHaveLength(1);
  const stored = await f.storedSecrets(sets[0]!.id);
  expect(stored.accessToken).not.toBe(first.body.access_token);
  const next = await f.callTokenApi(key, connection.id);
  expect(next.body.access_token).toBe(stored.accessToken);
}, 60_000);

it("takes over a set written under another id before ids were derived everywhere", async () => {
  const { runClientCredentialsTest } = await import("@/lib/connection-tests/run-client-credentials-test");
  const { FIXTURE_ADMIN } = await import("@/lib/testing/token-api-fixture");
  const connection = await f.createConnection({ grantType: "client_credentials" });
  await f.db.tokenSet.create({
    data: {
      id: "legacy-placeholder",
      connectionId: connection.id,
      ownerKey: "shared",
      accessTokenEncrypted: "",
      expiresAt: new Date(0),
    },
  });
  const admin = await f.db.user.create({
    data: { email: `legacy-${Date.now()}@tokens.test`, passwordHash: "x", role: "ADMIN" },
  });
  const test = await runClientCredentialsTest({ connection, user: admin, actor: FIXTURE_ADMIN });
  expect(test.outcome).toBe("SUCCESS");
  const sets = await f.db.tokenSet.findMany({ where: { connectionId: connection.id } });
  expect(sets.map((s) => s.id)).not.toContain("legacy-placeholder");
  expect((await f.storedSecrets(sets[0]!.id)).accessToken).toBeTruthy();
}, 60_000);
