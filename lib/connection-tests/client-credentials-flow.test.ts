/**
 * The client credentials test against a real oidc-provider and a real (temporary) database
 * (non-standard token endpoints: non-standard-token-endpoints.test.ts).
 */
import { describe, expect, it } from "vitest";
import { SECRETS, setUpConnectionTestFixture } from "@/lib/testing/connection-test-fixture";
import { UNIT_CLIENTS } from "@/lib/testing/unit-provider-clients";
import { API_READ, runClientCredentialsRun, testClientCredentialsConnection } from "@/lib/testing/connection-test-runs";
import { freePort } from "@/lib/testing/free-port";
import { recordTinyRequests } from "@/lib/testing/tiny-route-requests";

const fx = setUpConnectionTestFixture();

describe("client credentials", () => {
  it("gets a token with Basic authentication and records a healthy, redacted result", async () => {
    const { connection, testRunId, outcome, run } = await testClientCredentialsConnection(fx, {
      name: "cc ok",
      clientId: "cc-basic",
      clientSecret: SECRETS.ccBasic,
      ...API_READ,
    });
    expect(outcome).toBe("SUCCESS");

    expect(run.status).toBe("SUCCESS");
    expect(run.resultJson.token).toMatchObject({
      tokenType: "bearer",
      accessTokenFormat: "jwt",
      lifetimeSource: "provider",
      lifetimeSeconds: 600,
    });
    expect(run.resultJson.token.accessTokenPrefix).toMatch(/^.{8}…$/);
    expect(run.resultJson.scopes).toMatchObject({
      requested: ["api:read"],
      granted: ["api:read"],
      missing: [],
      extra: [],
    });
    expect(run.resultJson.accessTokenClaims.payload).toMatchObject({ client_id: "cc-basic", aud: "urn:unit:api" });
    expect(run.traceJson.map((s: { name: string }) => s.name)).toEqual([
      "discovery",
      "token_request",
      "token_response",
    ]);
    const tokenExchange = run.traceJson[1].http[0];
    expect(tokenExchange.requestHeaders.authorization).toBe("Basic [client credentials redacted]");
    expect(tokenExchange.requestBody).toMatchObject({
      grant_type: "client_credentials",
      scope: "api:read",
      resource: "urn:unit:api",
    });
    expect(tokenExchange.status).toBe(200);

    const updated = await fx.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(updated.health).toBe("HEALTHY");
    expect(updated.healthProblem).toBeNull();
    expect(updated.lastTestRunId).toBe(testRunId);
    const tokenSet = await fx.db.tokenSet.findUniqueOrThrow({
      where: { connectionId_ownerKey: { connectionId: connection.id, ownerKey: "shared" } },
    });
    const accessToken = fx.engine.decryptSecret(tokenSet.accessTokenEncrypted, {
      recordId: tokenSet.id,
      field: "accessToken",
    });
    fx.seenSecrets.add(accessToken);
    expect(accessToken.startsWith(run.resultJson.token.accessTokenPrefix.slice(0, 8))).toBe(true);

    const events = await fx.db.auditEvent.findMany({ where: { connectionId: connection.id }, orderBy: { seq: "asc" } });
    // Client credentials authorize no one: no "Authorization completed", the stored token set is part of the test event.
    expect(events.map((e) => e.action)).toEqual(["connection.tested"]);
    expect(JSON.parse(events[0]!.details)).toMatchObject({
      grantType: "client_credentials",
      targetHost: new URL(fx.provider.issuer).host,
      outcome: "SUCCESS",
      stored: "the shared token set",
    });
  });

  it("never sends a secret to an origin it was not entered for", async () => {
    const received = recordTinyRequests(fx, "/collect-token", { status: 400, json: { error: "invalid_client" } });
    const moved = await fx.createConnection({
      name: "cc moved",
      ...UNIT_CLIENTS.ccBasic,
      discovery: false,
      tokenUrl: `${fx.tinyOrigin}/collect-token`,
    });
    await fx.db.connection.update({
      where: { id: moved.id },
      data: { clientSecretOrigin: new URL(fx.provider.issuer).origin },
    });
    const { outcome, run } = await runClientCredentialsRun(
      fx,
      await fx.db.connection.findUniqueOrThrow({ where: { id: moved.id } }),
    );
    expect(outcome).toBe("FAILED");
    expect(run.diagnosisJson).toMatchObject({ code: "secret_origin_mismatch" });
    expect(received).toEqual([]);
  });

  it("sends the secret in the body with client_secret_post", async () => {
    const { outcome, run } = await testClientCredentialsConnection(fx, {
      name: "cc post",
      clientId: "cc-post",
      clientSecret: SECRETS.ccPost,
      clientAuthMethod: "client_secret_post",
      ...API_READ,
    });
    expect(outcome).toBe("SUCCESS");
    const exchange = run.traceJson[1].http[0];
    expect(exchange.requestHeaders.authorization).toBeUndefined();
    expect(exchange.requestBody.client_secret).toMatch(/^\[redacted/);
  });

  it("diagnoses a wrong secret and leaves the connection failing", async () => {
    const { connection, testRunId, outcome, run } = await testClientCredentialsConnection(fx, {
      name: "cc wrong secret",
      clientId: "cc-basic",
      clientSecret: "not-the-secret-123",
      ...API_READ,
    });
    expect(outcome).toBe("FAILED");
    expect(run.diagnosisJson.code).toBe("invalid_client");
    expect(run.diagnosisJson.fix).toContain("client_secret_post");
    const failing = await fx.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(failing.health).toBe("FAILING");
    // The cause, who found it and when, next to the health; a test is no edit, so "last changed" stays.
    expect(JSON.parse(failing.healthProblem!)).toMatchObject({
      source: "test",
      code: "invalid_client",
      title: run.diagnosisJson.title,
      by: fx.admin.email,
      testRunId,
    });
    expect(failing.updatedAt.toISOString()).toBe(connection.updatedAt.toISOString());
    expect(await fx.db.tokenSet.count({ where: { connectionId: connection.id } })).toBe(0);
    const events = await fx.db.auditEvent.findMany({ where: { connectionId: connection.id } });
    expect(events.map((e) => e.action)).toEqual(["connection.tested"]);
    expect(JSON.parse(events[0]!.details)).toMatchObject({ outcome: "FAILED", diagnosis: "invalid_client" });
  });

  it("names a client authentication method to try when the method is wrong", async () => {
    const { run } = await testClientCredentialsConnection(fx, {
      name: "cc wrong method",
      clientId: "cc-basic",
      clientAuthMethod: "none",
      ...API_READ,
    });
    expect(run.diagnosisJson.code).toBe("invalid_client");
    expect(run.diagnosisJson.cause).toContain("without a secret");
    expect(run.diagnosisJson.details.try).toBe("client_secret_basic");
  });

  it("diagnoses a grant type the client may not use", async () => {
    const { run } = await testClientCredentialsConnection(fx, {
      name: "cc not allowed",
      clientId: "web",
      clientSecret: SECRETS.web,
      ...API_READ,
    });
    expect(run.status).toBe("FAILED");
    expect(run.diagnosisJson.code).toBe("unauthorized_client");
    expect(run.diagnosisJson.fix).toContain("client_credentials");
  });

  it("diagnoses a provider that is down", async () => {
    const port = await freePort();
    const { run } = await testClientCredentialsConnection(fx, {
      name: "cc down",
      clientId: "cc-basic",
      clientSecret: SECRETS.ccBasic,
      issuer: `http://127.0.0.1:${port}`,
    });
    expect(run.diagnosisJson.code).toBe("connection_refused");
    expect(run.traceJson[0]).toMatchObject({ name: "discovery", status: "failed" });
  });

  it("refuses discovery that answers more than 512 KiB, or redirects to another origin, and follows neither", async () => {
    fx.tinyRoutes.set("/huge/.well-known/openid-configuration", (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ issuer: `${fx.tinyOrigin}/huge`, padding: "x".repeat(1024 * 1024) }));
    });
    const redirectTarget = recordTinyRequests(fx, "/redirect-target", { status: 200, json: {} });
    fx.tinyRoutes.set("/redirects/.well-known/openid-configuration", (_req, res) => {
      // The same server by another host name: another origin.
      res.writeHead(302, { location: `${fx.tinyOrigin.replace("127.0.0.1", "localhost")}/redirect-target` }).end();
    });

    const huge = await testClientCredentialsConnection(fx, {
      name: "cc huge discovery",
      ...UNIT_CLIENTS.ccBasic,
      issuer: `${fx.tinyOrigin}/huge`,
    });
    expect(huge.run.diagnosisJson.title).toBe("Response too large");
    expect(huge.run.traceJson[0].http[0].error).toContain("larger than 512 KiB");

    const redirected = await testClientCredentialsConnection(fx, {
      name: "cc redirected discovery",
      ...UNIT_CLIENTS.ccBasic,
      issuer: `${fx.tinyOrigin}/redirects`,
    });
    expect(redirected.run.diagnosisJson.title).toBe("Discovery document moved to another origin");
    expect(redirected.run.diagnosisJson.cause).toContain("Handshake follows redirects on the issuer's origin only");
    expect(redirectTarget).toEqual([]);
  });

  it("reports a refused address in the trace and the diagnosis", async () => {
    const connection = await fx.createConnection({
      name: "cc blocked",
      ...UNIT_CLIENTS.ccBasic,
    });
    const strict = fx.engine.createGuardedFetch({ allowHttp: true, allowCidrs: [] });
    const run = await fx.testRun((await fx.runClientCredentials(connection, strict)).testRunId);
    expect(run.diagnosisJson.code).toBe("blocked_address");
    expect(run.diagnosisJson.details.address).toBe("127.0.0.1");
    expect(run.traceJson[0].http[0].error).toContain("loopback");
  });
});

describe("secrets stay secret", () => {
  it("keeps every client secret and token out of test runs and audit events", async () => {
    expect(fx.seenSecrets.size).toBeGreaterThan(5);
    await fx.expectNoSeenSecretStored();
  });
});
