/**
 * private_key_jwt rotation against a real oidc-provider that fetches the client's keys from the
 * console's own JWKS route (served over real HTTP): the JWKS at each stage (public keys only),
 * "Test with new key" signing with the next key and the provider accepting it, the switch refused
 * until that test passed, the old key's grace, retire and discard, and audit events with kids only.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import type { ClientMetadata } from "oidc-provider";
import { actor, CALLBACK, setUpConnectionTestFixture } from "@/lib/testing/connection-test-fixture";
import { driveProviderLogin } from "@/lib/testing/drive-provider-login";
import { generateClientKey, type StoredClientKey } from "@/lib/connections/client-keys";
import type { GuardedFetch } from "@/lib/net/guarded-fetch";
import { closeHttpServer } from "@/lib/testing/close-http-server";

// The console's JWKS route on a loopback port, so the provider fetches keys as a real one would.
const jwksServer = http.createServer((req, res) => {
  void (async () => {
    const { GET } = await import("@/app/api/v1/connections/[connection]/jwks.json/route");
    // The provider reads the client's jwks_uri before the connection exists: one address, this test's connection.
    const response = await GET(new Request(`http://127.0.0.1${req.url}`), {
      params: Promise.resolve({ connection: connectionId }),
    });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(await response.text());
  })();
});
jwksServer.listen(0, "127.0.0.1");
let connectionId = "unset";
const jwksUrl = () =>
  `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/api/v1/connections/${connectionId}/jwks.json`;

const rotatingClient: ClientMetadata = {
  client_id: "pk-rotating",
  grant_types: ["client_credentials"],
  response_types: [],
  redirect_uris: [],
  token_endpoint_auth_method: "private_key_jwt",
  get jwks_uri() {
    return jwksUrl();
  },
};

const rotatingWebClient: ClientMetadata = {
  client_id: "pk-rotating-web",
  grant_types: ["authorization_code"],
  response_types: ["code"],
  redirect_uris: [CALLBACK],
  token_endpoint_auth_method: "private_key_jwt",
  get jwks_uri() {
    return jwksUrl();
  },
};

const fx = setUpConnectionTestFixture([rotatingClient, rotatingWebClient]);
afterAll(() => closeHttpServer(jwksServer));

const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi"] as const;

async function publishedKids(): Promise<string[]> {
  const response = await fetch(jwksUrl());
  const text = await response.text();
  expect(text).not.toMatch(/"(d|p|q|dp|dq|qi)"/);
  return (JSON.parse(text) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
}

/** The kid in the header of every client assertion the test sent. */
function recordingAssertionKids(kids: string[]): GuardedFetch {
  return (url, init) => {
    const assertion = new URLSearchParams(String(init?.body ?? "")).get("client_assertion");
    if (assertion)
      kids.push((JSON.parse(Buffer.from(assertion.split(".")[0]!, "base64url").toString()) as { kid: string }).kid);
    return fx.fetch(url, init);
  };
}

const rotation = () => import("@/lib/connections/client-key-rotation");
const GENERATE = { source: "generate", algorithm: "ES256", privateKeyImport: "", privateKeyCertificate: "" } as const;

/** A client credentials connection signing with a new key of that algorithm, and the JWKS it publishes. */
async function keyedConnection(alg: StoredClientKey["alg"], name: string, clientId: string) {
  const current = generateClientKey(alg);
  const row = await fx.createConnection({
    name,
    grantType: "client_credentials",
    clientId,
    clientAuthMethod: "private_key_jwt",
    privateKey: current,
  });
  const { findConnectionJwks } = await import("@/lib/connections/connection-client-key");
  return { current, row, findConnectionJwks };
}

describe("private_key_jwt rotation", () => {
  it("prepares, tests with, switches to and retires a new key the provider fetches from the JWKS", async () => {
    const current: StoredClientKey = generateClientKey("RS256");
    let connection = await fx.createConnection({
      name: "pk rotating",
      grantType: "client_credentials",
      clientId: "pk-rotating",
      clientAuthMethod: "private_key_jwt",
      clientAssertionAudience: "token_endpoint",
      privateKey: current,
      scopes: ["api:read"],
    });
    connectionId = connection.id;
    const { prepareNextClientKey, switchToNextClientKey, retireOldClientKey, clientKeyRotationOf } = await rotation();
    const admin = actor(fx.admin);
    expect(await publishedKids()).toEqual([current.kid]);

    const next = await prepareNextClientKey(admin, { connectionId, input: GENERATE });
    expect(next.kid).not.toBe(current.kid);
    expect(await publishedKids()).toEqual([current.kid, next.kid]);
    await expect(prepareNextClientKey(admin, { connectionId, input: GENERATE })).rejects.toThrow(
      `A new key is already prepared (kid ${next.kid})`,
    );
    await expect(switchToNextClientKey(admin, { connectionId, grace: "1d" })).rejects.toThrow(
      /Run "Test with new key" first/,
    );

    const kids: string[] = [];
    connection = await fx.db.connection.findUniqueOrThrow({ where: { id: connectionId } });
    const tested = await fx.engine.runClientCredentialsTest({
      connection,
      user: fx.admin,
      actor: admin,
      fetch: recordingAssertionKids(kids),
      signingKey: "next",
    });
    expect((await fx.testRun(tested.testRunId)).diagnosisJson).toBeNull();
    expect(tested.outcome).toBe("SUCCESS");
    expect(kids).toEqual([next.kid]);
    connection = await fx.db.connection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(clientKeyRotationOf(connection).next).toMatchObject({ kid: next.kid, tested: true });

    const now = new Date();
    const switched = await switchToNextClientKey(admin, { connectionId, grace: "1h", now });
    expect(switched).toEqual({ kid: next.kid, retireAt: new Date(now.getTime() + 3_600_000) });
    expect(await publishedKids()).toEqual([next.kid, current.kid]);

    // The token API, refresher and scheduled checks sign with the current key: now the new one.
    kids.length = 0;
    connection = await fx.db.connection.findUniqueOrThrow({ where: { id: connectionId } });
    expect((await fx.runClientCredentials(connection, recordingAssertionKids(kids))).outcome).toBe("SUCCESS");
    expect(kids).toEqual([next.kid]);

    expect(await retireOldClientKey(admin, connectionId)).toBe(current.kid);
    expect(await publishedKids()).toEqual([next.kid]);
    await expect(retireOldClientKey(admin, connectionId)).rejects.toThrow("There is no old key to retire.");

    const events = await fx.db.auditEvent.findMany({
      where: { targetId: connectionId, action: { startsWith: "connection.client_key" } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => [e.action, JSON.parse(e.details)])).toEqual([
      ["connection.client_key_next_prepared", { kid: next.kid, alg: "ES256", source: "generate", certificate: false }],
      ["connection.client_key_next_tested", { kid: next.kid, testRunId: tested.testRunId }],
      [
        "connection.client_key_switched",
        { kid: next.kid, previousKid: current.kid, retireAt: switched.retireAt!.toISOString() },
      ],
      ["connection.client_key_retired", { kid: current.kid }],
    ]);
    for (const member of PRIVATE_MEMBERS)
      if (current.privateJwk[member]) expect(JSON.stringify(events)).not.toContain(current.privateJwk[member]);
    await fx.expectNoSeenSecretStored();
  });

  it("keeps the old key in the JWKS until its grace ends, then housekeeping clears it", async () => {
    const { current, row, findConnectionJwks } = await keyedConnection("ES256", "pk grace", "pk-grace");
    const { prepareNextClientKey, switchToNextClientKey, clearRetiredClientKeys } = await rotation();
    const admin = actor(fx.admin);
    const next = await prepareNextClientKey(admin, { connectionId: row.id, input: GENERATE });
    // What a passed "Test with new key" records (the provider side is the test above).
    await fx.db.connection.update({ where: { id: row.id }, data: { nextKeyTestedKid: next.kid } });
    const now = new Date();
    await switchToNextClientKey(admin, { connectionId: row.id, grace: "1d", now });
    const kidsAt = async (at: Date) => (await findConnectionJwks(row.id, at))!.keys.map((k) => k.kid);
    expect(await kidsAt(new Date(now.getTime() + 86_400_000 - 1))).toEqual([next.kid, current.kid]);
    expect(await kidsAt(new Date(now.getTime() + 86_400_000))).toEqual([next.kid]);

    const { runHousekeeping } = await import("@/lib/jobs/housekeeping");
    const early = await runHousekeeping(fx.db, { testRunRetentionDays: 30, now: new Date(now.getTime() + 1000) });
    expect(early.retiredClientKeys).toBe(0);
    expect(await clearRetiredClientKeys(fx.db, new Date(now.getTime() + 86_400_000))).toBe(1);
    expect(await fx.db.connection.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      retiringPublicKeyJwk: null,
      retiringKeyRetireAt: null,
    });
    expect(await kidsAt(now)).toEqual([next.kid]);
  });

  it("switches with no grace, discards a prepared key, and refuses a switch after the tested key was replaced", async () => {
    const { current, row, findConnectionJwks } = await keyedConnection("PS256", "pk discard", "pk-discard");
    const connectionId = row.id;
    const { prepareNextClientKey, switchToNextClientKey, discardNextClientKey } = await rotation();
    const admin = actor(fx.admin);
    const kids = async () => (await findConnectionJwks(connectionId))!.keys.map((k) => k.kid);

    const first = await prepareNextClientKey(admin, { connectionId, input: GENERATE });
    await fx.db.connection.update({ where: { id: connectionId }, data: { nextKeyTestedKid: first.kid } });
    expect(await discardNextClientKey(admin, connectionId)).toBe(first.kid);
    expect(await kids()).toEqual([current.kid]);
    const second = await prepareNextClientKey(admin, { connectionId, input: { ...GENERATE, algorithm: "RS256" } });
    await expect(switchToNextClientKey(admin, { connectionId, grace: "now" })).rejects.toThrow(
      `(kid ${second.kid}) has passed`,
    );
    await fx.db.connection.update({ where: { id: connectionId }, data: { nextKeyTestedKid: second.kid } });
    expect(await switchToNextClientKey(admin, { connectionId, grace: "now" })).toEqual({
      kid: second.kid,
      retireAt: null,
    });
    expect(await kids()).toEqual([second.kid]);
    expect((await findConnectionJwks(connectionId))!.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    await expect(discardNextClientKey(admin, connectionId)).rejects.toThrow("There is no new key to discard.");
  });
});

describe("private_key_jwt rotation of a code-flow connection", () => {
  it("signs the code exchange with the new key when the test started with it, which allows the switch", async () => {
    const current = generateClientKey("ES256");
    let connection = await fx.createConnection({
      name: "pk rotating web",
      grantType: "authorization_code_pkce",
      clientId: "pk-rotating-web",
      clientAuthMethod: "private_key_jwt",
      privateKey: current,
      scopes: ["openid"],
    });
    connectionId = connection.id;
    const { prepareNextClientKey, switchToNextClientKey } = await rotation();
    const admin = actor(fx.admin);
    const next = await prepareNextClientKey(admin, { connectionId, input: GENERATE });
    connection = await fx.db.connection.findUniqueOrThrow({ where: { id: connectionId } });

    const started = await fx.engine.startAuthorization({
      connection,
      user: fx.admin,
      actor: admin,
      purpose: "TEST",
      fetch: fx.fetch,
      signingKey: "next",
    });
    if (started.kind !== "redirect") throw new Error("the authorization did not start");
    const callbackUrl = await driveProviderLogin(started.authorizationUrl, CALLBACK, { choice: "consent" });
    const kids: string[] = [];
    const finished = await fx.engine.completeAuthorization({
      callbackUrl,
      user: fx.admin,
      actor: admin,
      fetch: recordingAssertionKids(kids),
    });
    expect(finished).toMatchObject({ kind: "result", outcome: "SUCCESS" });
    expect(kids).toEqual([next.kid]);
    expect(await switchToNextClientKey(admin, { connectionId, grace: "now" })).toMatchObject({ kid: next.kid });
  });
});
