/**
 * The authorization code flows against a real oidc-provider and a real (temporary) database,
 * driven through the provider's login and consent pages, and the refusals at the callback.
 */
import { describe, expect, it } from "vitest";
import { actor, CALLBACK, setUpConnectionTestFixture } from "@/lib/testing/connection-test-fixture";
import { UNIT_CLIENTS } from "@/lib/testing/unit-provider-clients";
import { startAuthorizationAs, traceStepOf } from "@/lib/testing/connection-test-runs";
import { driveProviderLogin } from "@/lib/testing/drive-provider-login";

const fx = setUpConnectionTestFixture();

/** Saves a connection to one of the provider's clients that asks for openid alone. */
const openidConnection = (name: string, client: (typeof UNIT_CLIENTS)[keyof typeof UNIT_CLIENTS]) =>
  fx.createConnection({ name, ...client, scopes: ["openid"] });

describe("authorization code", () => {
  it("completes with consent: ID token, userinfo, refresh with rotation, shared token set stored", async () => {
    const connection = await fx.createConnection({
      name: "web ok",
      ...UNIT_CLIENTS.web,
      scopes: ["openid", "email", "offline_access"],
    });
    const { started, callbackUrl } = await fx.runCodeFlow(connection);
    expect(new URL(started.authorizationUrl).searchParams.get("code_challenge_method")).toBe("S256");
    expect(new URL(started.authorizationUrl).searchParams.get("nonce")).toBeTruthy();

    const pending = await fx.db.pendingAuthorization.findFirstOrThrow({ where: { testRunId: started.testRunId } });
    expect(pending.stateHash).toMatch(/^[0-9a-f]{64}$/);
    expect(pending.stateHash).not.toBe(callbackUrl.searchParams.get("state"));
    fx.seenSecrets.add(
      fx.engine.decryptSecret(pending.codeVerifierEncrypted!, { recordId: pending.id, field: "codeVerifier" }),
    );
    expect(pending.expiresAt.getTime() - pending.createdAt.getTime()).toBeLessThanOrEqual(10 * 60 * 1000 + 1000);

    const outcome = await fx.completeAuthorization(callbackUrl);
    expect(outcome).toMatchObject({
      kind: "result",
      connectionId: connection.id,
      testRunId: started.testRunId,
      outcome: "SUCCESS",
    });

    const run = await fx.testRun(started.testRunId);
    expect(run.status).toBe("SUCCESS");
    expect(run.resultJson.idTokenClaims).toMatchObject({ sub: "alice", aud: "web", nonce: "[present]" });
    expect(run.resultJson.userinfo).toMatchObject({ sub: "alice", email: "alice@example.test" });
    expect(run.resultJson.refresh).toMatchObject({ ok: true, rotated: true });
    expect(run.resultJson.scopes.missing).toEqual([]);
    expect(run.traceJson.map((s: { name: string }) => s.name)).toEqual([
      "discovery",
      "authorization_request",
      "authorization_check",
      "callback",
      "discovery",
      "token_request",
      "token_response",
      "id_token",
      "userinfo",
      "refresh",
      "refresh_response",
    ]);
    const callbackStep = run.traceJson[3];
    expect(callbackStep.details.parameters.code).toMatch(/^\[redacted/);
    expect(callbackStep.details.parameters.iss).toBe(fx.provider.issuer);
    expect(run.traceJson[7].details.signature).toContain("verified against");
    expect(run.traceJson[6].details).toMatchObject({
      status: "200",
      token_type: "Bearer",
      refresh_token: expect.stringMatching(/^.{8}…$/),
    });

    const tokenSet = await fx.db.tokenSet.findUniqueOrThrow({
      where: { connectionId_ownerKey: { connectionId: connection.id, ownerKey: "shared" } },
    });
    expect(tokenSet).toMatchObject({ refreshCount: 1, refreshTokenRotations: 1 });
    for (const field of ["accessToken", "refreshToken", "idToken"] as const) {
      const envelope = tokenSet[`${field}Encrypted`];
      if (envelope) fx.seenSecrets.add(fx.engine.decryptSecret(envelope, { recordId: tokenSet.id, field }));
    }
    expect((await fx.db.connection.findUniqueOrThrow({ where: { id: connection.id } })).health).toBe("HEALTHY");

    // The same callback again: refused, and the code is not redeemed twice.
    const replay = await fx.completeAuthorization(callbackUrl);
    expect(replay).toMatchObject({ kind: "refused", reason: "replayed", testRunId: started.testRunId });
  });

  it("uses PKCE S256 for a public client", async () => {
    const connection = await fx.createConnection({
      name: "public pkce",
      ...UNIT_CLIENTS.publicPkce,
      scopes: ["openid", "offline_access"],
    });
    const { started, callbackUrl } = await fx.runCodeFlow(connection);
    const outcome = await fx.completeAuthorization(callbackUrl);
    expect(outcome).toMatchObject({ kind: "result", outcome: "SUCCESS" });
    const run = await fx.testRun(started.testRunId);
    expect(run.traceJson[1].details.pkce).toBe("S256");
    expect(traceStepOf(run, "token_request").http[0].requestBody.code_verifier).toMatch(/^\[redacted/);
  });

  it("refuses a tampered state and someone else's state, without consuming it", async () => {
    const connection = await openidConnection("web state", UNIT_CLIENTS.web);
    const { callbackUrl } = await fx.runCodeFlow(connection);
    const tampered = new URL(callbackUrl);
    tampered.searchParams.set("state", `${callbackUrl.searchParams.get("state")}x`);
    expect(await fx.completeAuthorization(tampered)).toMatchObject({ kind: "refused", reason: "unknown_state" });
    expect(await fx.completeAuthorization(callbackUrl, fx.otherAdmin)).toMatchObject({
      kind: "refused",
      reason: "other_user",
    });
    // Still usable by its owner.
    expect(await fx.completeAuthorization(callbackUrl)).toMatchObject({ kind: "result", outcome: "SUCCESS" });
  });

  it("refuses an expired authorization and records the test as failed", async () => {
    const connection = await openidConnection("web expired", UNIT_CLIENTS.web);
    const { started, callbackUrl } = await fx.runCodeFlow(connection);
    await fx.db.pendingAuthorization.updateMany({
      where: { testRunId: started.testRunId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const outcome = await fx.completeAuthorization(callbackUrl);
    expect(outcome).toMatchObject({ kind: "refused", reason: "expired", testRunId: started.testRunId });
    expect((await fx.testRun(started.testRunId)).status).toBe("FAILED");
  });

  it("diagnoses a user who declines consent", async () => {
    const connection = await openidConnection("web denied", UNIT_CLIENTS.web);
    const { started, callbackUrl } = await fx.runCodeFlow(connection, "deny");
    expect(callbackUrl.searchParams.get("error")).toBe("access_denied");
    const outcome = await fx.completeAuthorization(callbackUrl);
    expect(outcome).toMatchObject({ kind: "result", outcome: "FAILED" });
    const run = await fx.testRun(started.testRunId);
    expect(run.diagnosisJson.code).toBe("access_denied");
    expect(run.traceJson.at(-1)).toMatchObject({ name: "callback", status: "failed" });
    expect((await fx.db.connection.findUniqueOrThrow({ where: { id: connection.id } })).health).toBe("FAILING");
  });

  it("asks the provider for a fresh sign-in (prompt=login) only when the test forces it", async () => {
    const connection = await openidConnection("web force sign-in", UNIT_CLIENTS.web);
    const plain = await startAuthorizationAs(fx, connection);
    const forced = await fx.engine.startAuthorization({
      connection,
      user: fx.admin,
      actor: actor(fx.admin),
      purpose: "TEST",
      fetch: fx.fetch,
      forceSignIn: true,
    });
    if (plain.kind !== "redirect" || forced.kind !== "redirect")
      throw new Error("expected both to send the browser to the provider");
    expect(new URL(plain.authorizationUrl).searchParams.get("prompt")).toBeNull();
    expect(new URL(forced.authorizationUrl).searchParams.get("prompt")).toBe("login");
  });

  it("diagnoses an unregistered redirect URI before sending the browser away", async () => {
    const connection = await openidConnection("web wrong redirect", UNIT_CLIENTS.wrongRedirect);
    const started = await startAuthorizationAs(fx, connection);
    expect(started.kind).toBe("failed");
    const run = await fx.testRun(started.testRunId);
    expect(run.diagnosisJson.code).toBe("redirect_uri_mismatch");
    expect(run.diagnosisJson.fix).toContain(CALLBACK);
    expect(await fx.db.pendingAuthorization.count({ where: { connectionId: connection.id } })).toBe(0);
  });

  it("recognises a server that requires PKCE and offers the switch to Authorization Code with PKCE", async () => {
    // Entered by hand: the metadata would advertise S256, and Handshake then sends PKCE anyway.
    const { issuer } = fx.provider;
    const endpoints = {
      discovery: false,
      authorizationUrl: `${issuer}/auth`,
      tokenUrl: `${issuer}/token`,
      jwksUrl: `${issuer}/jwks`,
    };
    const connection = await fx.createConnection({
      name: "web pkce required",
      ...UNIT_CLIENTS.pkceRequired,
      scopes: ["openid"],
      ...endpoints,
    });
    const started = await startAuthorizationAs(fx, connection);
    expect(started.kind).toBe("failed");
    const run = await fx.testRun(started.testRunId);
    expect(run.diagnosisJson).toMatchObject({ code: "pkce_required", title: "The provider requires PKCE" });
    expect(run.diagnosisJson.suggestion).toEqual({
      action: "switch to Authorization Code with PKCE",
      change: { grantType: "authorization_code_pkce" },
      connectionVersion: connection.version,
    });

    const applied = await fx.engine.applyTestFix(actor(fx.admin), {
      connectionId: connection.id,
      testRunId: started.testRunId,
    });
    expect(applied.action).toBe("switch to Authorization Code with PKCE");
    const switched = await fx.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(switched.grantType).toBe("authorization_code_pkce");
    const updated = await fx.db.auditEvent.findFirstOrThrow({
      where: { connectionId: connection.id, action: "connection.updated" },
    });
    expect(Object.keys(JSON.parse(updated.details).diff)).toEqual(["grantType"]);
    const { started: again, callbackUrl } = await fx.runCodeFlow(switched);
    expect(await fx.completeAuthorization(callbackUrl)).toMatchObject({
      kind: "result",
      outcome: "SUCCESS",
      testRunId: again.testRunId,
    });
  });

  it("stores a per-user token set when a user connects their account, and none for a test", async () => {
    const connection = await fx.createConnection({
      name: "per user",
      ...UNIT_CLIENTS.publicPkce,
      scopes: ["openid", "offline_access"],
      tokenSharing: "PER_USER",
    });
    const test = await fx.runCodeFlow(connection);
    await fx.completeAuthorization(test.callbackUrl);
    expect(await fx.db.tokenSet.count({ where: { connectionId: connection.id } })).toBe(0);

    const started = await startAuthorizationAs(fx, connection, fx.otherAdmin, "CONNECT");
    if (started.kind !== "redirect") throw new Error("did not start");
    const callbackUrl = await driveProviderLogin(started.authorizationUrl, CALLBACK, { login: "bob" });
    fx.seenSecrets.add(callbackUrl.searchParams.get("code")!);
    expect(await fx.completeAuthorization(callbackUrl, fx.otherAdmin)).toMatchObject({
      kind: "result",
      outcome: "SUCCESS",
    });
    const sets = await fx.db.tokenSet.findMany({ where: { connectionId: connection.id } });
    expect(sets.map((s) => [s.ownerKey, s.userId])).toEqual([[fx.otherAdmin.id, fx.otherAdmin.id]]);
    const authorized = await fx.db.auditEvent.findFirstOrThrow({
      where: { connectionId: connection.id, action: "connection.authorized" },
    });
    expect(JSON.parse(authorized.details)).toMatchObject({ forUser: fx.otherAdmin.email, ownerKey: fx.otherAdmin.id });
  });
});

describe("secrets stay secret", () => {
  it("keeps every secret, code, verifier and token out of test runs and audit events", async () => {
    expect(fx.seenSecrets.size).toBeGreaterThan(10);
    await fx.expectNoSeenSecretStored();
  });
});
