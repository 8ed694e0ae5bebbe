/**
 * The test engine against a real oidc-provider and a real (temporary) database: client
 * credentials, the authorization code flows driven through the provider's login and consent
 * pages, the refusals at the callback, and non-standard providers played by tiny HTTP servers.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOidcProvider, type RunningOidcProvider } from "@/lib/testing/oidc-provider-factory";
import type { PrismaClient } from "@/lib/db/generated/client";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { createTestDatabase } from "@/lib/testing/test-database";
import { driveProviderLogin } from "@/lib/testing/drive-provider-login";

const APP_URL = "http://127.0.0.1:9";
const CALLBACK = `${APP_URL}/api/oauth/callback`;
const SECRETS = { ccBasic: "unit-cc-basic-secret-4f1a", ccPost: "unit-cc-post-secret-9e2b", web: "unit-web-secret-77c3d1" };

let database: ReturnType<typeof createTestDatabase>;
let db: PrismaClient;
let provider: RunningOidcProvider;
let engine: {
  runClientCredentialsTest: typeof import("@/lib/connection-tests/run-client-credentials-test").runClientCredentialsTest;
  startAuthorization: typeof import("@/lib/connection-tests/start-authorization").startAuthorization;
  completeAuthorization: typeof import("@/lib/connection-tests/complete-authorization").completeAuthorization;
  encryptSecret: typeof import("@/lib/crypto/secret-box").encryptSecret;
  decryptSecret: typeof import("@/lib/crypto/secret-box").decryptSecret;
  createGuardedFetch: typeof import("@/lib/net/guarded-fetch").createGuardedFetch;
};
let fetch: import("@/lib/net/guarded-fetch").GuardedFetch;
let admin: { id: string; email: string };
let otherAdmin: { id: string; email: string };
const actor = (user: { id: string; email: string }): AuditActor => ({ id: user.id, email: user.email, role: "ADMIN", ip: "127.0.0.1", userAgent: "vitest" });
/** Every code and verifier seen during the run, for the leak check at the end. */
const seenSecrets = new Set<string>(Object.values(SECRETS));

let tiny: http.Server;
let tinyOrigin: string;
const tinyRoutes = new Map<string, (req: http.IncomingMessage, res: http.ServerResponse) => void>();

beforeAll(async () => {
  process.env.APP_URL = APP_URL;
  database = createTestDatabase();
  db = (await import("@/lib/db/prisma")).prisma;
  engine = {
    ...(await import("@/lib/connection-tests/run-client-credentials-test")),
    ...(await import("@/lib/connection-tests/start-authorization")),
    ...(await import("@/lib/connection-tests/complete-authorization")),
    ...(await import("@/lib/crypto/secret-box")),
    ...(await import("@/lib/net/guarded-fetch")),
  };
  fetch = engine.createGuardedFetch({ allowHttp: true, allowCidrs: ["127.0.0.0/8"] });
  provider = await startOidcProvider(() => [
    { client_id: "cc-basic", client_secret: SECRETS.ccBasic, grant_types: ["client_credentials"], response_types: [], redirect_uris: [], token_endpoint_auth_method: "client_secret_basic" },
    { client_id: "cc-post", client_secret: SECRETS.ccPost, grant_types: ["client_credentials"], response_types: [], redirect_uris: [], token_endpoint_auth_method: "client_secret_post" },
    { client_id: "web", client_secret: SECRETS.web, grant_types: ["authorization_code", "refresh_token"], response_types: ["code"], redirect_uris: [CALLBACK], token_endpoint_auth_method: "client_secret_basic" },
    { client_id: "public", grant_types: ["authorization_code", "refresh_token"], response_types: ["code"], redirect_uris: [CALLBACK], token_endpoint_auth_method: "none" },
    { client_id: "wrong-redirect", client_secret: SECRETS.web, grant_types: ["authorization_code"], response_types: ["code"], redirect_uris: ["http://127.0.0.1:9/elsewhere"], token_endpoint_auth_method: "client_secret_basic" },
  ]);
  admin = await db.user.create({ data: { email: "admin@unit.test", passwordHash: "x", role: "ADMIN" }, select: { id: true, email: true } });
  otherAdmin = await db.user.create({ data: { email: "other@unit.test", passwordHash: "x", role: "ADMIN" }, select: { id: true, email: true } });

  tiny = http.createServer((req, res) => {
    const route = tinyRoutes.get(req.url ?? "");
    if (route) return route(req, res);
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => tiny.listen(0, "127.0.0.1", resolve));
  tinyOrigin = `http://127.0.0.1:${(tiny.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await provider?.close();
  tiny?.closeAllConnections();
  await new Promise((resolve) => tiny?.close(resolve));
  await db?.$disconnect();
  database?.cleanup();
});

type ConnectionInput = {
  name: string;
  grantType: string;
  clientId: string;
  clientSecret?: string;
  clientAuthMethod?: string;
  scopes?: string[];
  resource?: string;
  tokenSharing?: string;
  discovery?: boolean;
  tokenUrl?: string;
  issuer?: string;
  defaultTokenLifetime?: number;
};

async function createConnection(input: ConnectionInput) {
  const discovery = input.discovery ?? true;
  const connection = await db.connection.create({
    data: {
      name: input.name,
      status: "ACTIVE",
      grantType: input.grantType,
      clientId: input.clientId,
      clientAuthMethod: input.clientAuthMethod ?? (input.clientSecret ? "client_secret_basic" : "none"),
      scopes: JSON.stringify(input.scopes ?? []),
      resource: input.resource ?? null,
      tokenSharing: input.tokenSharing ?? "SHARED",
      issuer: input.issuer ?? provider.issuer,
      discoveryMetadata: discovery ? JSON.stringify({ issuer: provider.issuer }) : null,
      tokenUrl: input.tokenUrl ?? null,
      defaultTokenLifetime: input.defaultTokenLifetime ?? 3600,
    },
  });
  if (!input.clientSecret) return connection;
  return db.connection.update({
    where: { id: connection.id },
    data: { clientSecretEncrypted: engine.encryptSecret(input.clientSecret, { recordId: connection.id, field: "clientSecret" }) },
  });
}

async function testRun(id: string) {
  const row = await db.testRun.findUniqueOrThrow({ where: { id } });
  return { ...row, resultJson: JSON.parse(row.result), traceJson: JSON.parse(row.trace), diagnosisJson: row.diagnosis ? JSON.parse(row.diagnosis) : null };
}

async function runCodeFlow(connection: Awaited<ReturnType<typeof createConnection>>, choice: "consent" | "deny" = "consent", user = admin) {
  const started = await engine.startAuthorization({ connection, user, actor: actor(user), purpose: "TEST", fetch });
  if (started.kind !== "redirect") throw new Error(`authorization did not start: ${JSON.stringify(await testRun(started.testRunId))}`);
  const callbackUrl = await driveProviderLogin(started.authorizationUrl, CALLBACK, { choice });
  const code = callbackUrl.searchParams.get("code");
  if (code) seenSecrets.add(code);
  return { started, callbackUrl };
}

describe("client credentials", () => {
  it("gets a token with Basic authentication and records a healthy, redacted result", async () => {
    const connection = await createConnection({ name: "cc ok", grantType: "client_credentials", clientId: "cc-basic", clientSecret: SECRETS.ccBasic, scopes: ["api:read"], resource: "urn:unit:api" });
    const { testRunId, outcome } = await engine.runClientCredentialsTest({ connection, user: admin, actor: actor(admin), fetch });
    expect(outcome).toBe("SUCCESS");

    const run = await testRun(testRunId);
    expect(run.status).toBe("SUCCESS");
    expect(run.resultJson.token).toMatchObject({ tokenType: "bearer", accessTokenFormat: "jwt", lifetimeSource: "provider", lifetimeSeconds: 600 });
    expect(run.resultJson.token.accessTokenPrefix).toMatch(/^.{8}…$/);
    expect(run.resultJson.scopes).toMatchObject({ requested: ["api:read"], granted: ["api:read"], missing: [], extra: [] });
    expect(run.resultJson.accessTokenClaims.payload).toMatchObject({ client_id: "cc-basic", aud: "urn:unit:api" });
    expect(run.traceJson.map((s: { name: string }) => s.name)).toEqual(["discovery", "token_request", "token_response"]);
    const tokenExchange = run.traceJson[1].http[0];
    expect(tokenExchange.requestHeaders.authorization).toBe("Basic [client credentials redacted]");
    expect(tokenExchange.requestBody).toMatchObject({ grant_type: "client_credentials", scope: "api:read", resource: "urn:unit:api" });
    expect(tokenExchange.status).toBe(200);

    const updated = await db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(updated.health).toBe("HEALTHY");
    expect(updated.lastTestRunId).toBe(testRunId);
    const tokenSet = await db.tokenSet.findUniqueOrThrow({ where: { connectionId_ownerKey: { connectionId: connection.id, ownerKey: "shared" } } });
    const accessToken = engine.decryptSecret(tokenSet.accessTokenEncrypted, { recordId: tokenSet.id, field: "accessToken" });
    seenSecrets.add(accessToken);
    expect(accessToken.startsWith(run.resultJson.token.accessTokenPrefix.slice(0, 8))).toBe(true);

    const events = await db.auditEvent.findMany({ where: { connectionId: connection.id }, orderBy: { seq: "asc" } });
    // Client credentials authorize no one: no "Authorization completed", the stored token set is part of the test event.
    expect(events.map((e) => e.action)).toEqual(["connection.tested"]);
    expect(JSON.parse(events[0]!.details)).toMatchObject({ grantType: "client_credentials", targetHost: new URL(provider.issuer).host, outcome: "SUCCESS", stored: "the shared token set" });
  });

  it("never sends a secret to an origin it was not entered for", async () => {
    const received: string[] = [];
    tinyRoutes.set("/collect-token", (req, res) => {
      received.push(`${req.headers.authorization ?? ""}`);
      res.writeHead(400, { "content-type": "application/json" }).end('{"error":"invalid_client"}');
    });
    const moved = await createConnection({ name: "cc moved", grantType: "client_credentials", clientId: "cc-basic", clientSecret: SECRETS.ccBasic, discovery: false, tokenUrl: `${tinyOrigin}/collect-token` });
    await db.connection.update({ where: { id: moved.id }, data: { clientSecretOrigin: new URL(provider.issuer).origin } });
    const { testRunId, outcome } = await engine.runClientCredentialsTest({ connection: await db.connection.findUniqueOrThrow({ where: { id: moved.id } }), user: admin, actor: actor(admin), fetch });
    expect(outcome).toBe("FAILED");
    expect((await testRun(testRunId)).diagnosisJson).toMatchObject({ code: "secret_origin_mismatch" });
    expect(received).toEqual([]);
  });

  it("sends the secret in the body with client_secret_post", async () => {
    const connection = await createConnection({ name: "cc post", grantType: "client_credentials", clientId: "cc-post", clientSecret: SECRETS.ccPost, clientAuthMethod: "client_secret_post", scopes: ["api:read"], resource: "urn:unit:api" });
    const { testRunId, outcome } = await engine.runClientCredentialsTest({ connection, user: admin, actor: actor(admin), fetch });
    expect(outcome).toBe("SUCCESS");
    const exchange = (await testRun(testRunId)).traceJson[1].http[0];
    expect(exchange.requestHeaders.authorization).toBeUndefined();
    expect(exchange.requestBody.client_secret).toMatch(/^\[redacted/);
  });

  it("diagnoses a wrong secret and leaves the connection failing", async () => {
    const connection = await createConnection({ name: "cc wrong secret", grantType: "client_credentials", clientId: "cc-basic", clientSecret: "not-the-secret-123", scopes: ["api:read"], resource: "urn:unit:api" });
    const { testRunId, outcome } = await engine.runClientCredentialsTest({ connection, user: admin, actor: actor(admin), fetch });
    expect(outcome).toBe("FAILED");
    const run = await testRun(testRunId);
    expect(run.diagnosisJson.code).toBe("invalid_client");
    expect(run.diagnosisJson.fix).toContain("client_secret_post");
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).health).toBe("FAILING");
    expect(await db.tokenSet.count({ where: { connectionId: connection.id } })).toBe(0);
    const events = await db.auditEvent.findMany({ where: { connectionId: connection.id } });
    expect(events.map((e) => e.action)).toEqual(["connection.tested"]);
    expect(JSON.parse(events[0]!.details)).toMatchObject({ outcome: "FAILED", diagnosis: "invalid_client" });
  });

  it("names a client authentication method to try when the method is wrong", async () => {
    const connection = await createConnection({ name: "cc wrong method", grantType: "client_credentials", clientId: "cc-basic", clientAuthMethod: "none", scopes: ["api:read"], resource: "urn:unit:api" });
    const run = await testRun((await engine.runClientCredentialsTest({ connection, user: admin, actor: actor(admin), fetch })).testRunId);
    expect(run.diagnosisJson.code).toBe("invalid_client");
    expect(run.diagnosisJson.cause).toContain("without a secret");
    expect(run.diagnosisJson.details.try).toBe("client_secret_basic");
  });

  it("diagnoses a grant type the client may not use", async () => {
    const connection = await createConnection({ name: "cc not allowed", grantType: "client_credentials", clientId: "web", clientSecret: SECRETS.web, scopes: ["api:read"], resource: "urn:unit:api" });
    const run = await testRun((await engine.runClientCredentialsTest({ connection, user: admin, actor: actor(admin), fetch })).testRunId);
    expect(run.status).toBe("FAILED");
    expect(run.diagnosisJson.code).toBe("unauthorized_client");
    expect(run.diagnosisJson.fix).toContain("client_credentials");
  });

  it("diagnoses a provider that is down", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const connection = await createConnection({ name: "cc down", grantType: "client_credentials", clientId: "cc-basic", clientSecret: SECRETS.ccBasic, issuer: `http://127.0.0.1:${port}` });
    const run = await testRun((await engine.runClientCredentialsTest({ connection, user: admin, actor: actor(admin), fetch })).testRunId);
    expect(run.diagnosisJson.code).toBe("connection_refused");
    expect(run.traceJson[0]).toMatchObject({ name: "discovery", status: "failed" });
  });

  it("reports a refused address in the trace and the diagnosis", async () => {
    const connection = await createConnection({ name: "cc blocked", grantType: "client_credentials", clientId: "cc-basic", clientSecret: SECRETS.ccBasic });
    const strict = engine.createGuardedFetch({ allowHttp: true, allowCidrs: [] });
    const run = await testRun((await engine.runClientCredentialsTest({ connection, user: admin, actor: actor(admin), fetch: strict })).testRunId);
    expect(run.diagnosisJson.code).toBe("blocked_address");
    expect(run.diagnosisJson.details.address).toBe("127.0.0.1");
    expect(run.traceJson[0].http[0].error).toContain("loopback");
  });
});

describe("non-standard providers", () => {
  function manualConnection(name: string, path: string, extra: Partial<ConnectionInput> = {}) {
    return createConnection({ name, grantType: "client_credentials", clientId: "any", clientSecret: "whatever-secret-1", discovery: false, issuer: tinyOrigin, tokenUrl: `${tinyOrigin}${path}`, ...extra });
  }

  it("assumes the default lifetime when expires_in is missing, and warns about missing scopes", async () => {
    tinyRoutes.set("/token-minimal", (_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ access_token: "opaque-token-value-0123456789abcdef", token_type: "Bearer", scope: "read other" }));
    });
    const connection = await manualConnection("minimal", "/token-minimal", { scopes: ["read", "write"], defaultTokenLifetime: 1800 });
    const { testRunId, outcome } = await engine.runClientCredentialsTest({ connection, user: admin, actor: actor(admin), fetch });
    expect(outcome).toBe("WARNING");
    const run = await testRun(testRunId);
    expect(run.resultJson.token).toMatchObject({ lifetimeSeconds: 1800, lifetimeSource: "default", accessTokenFormat: "opaque", accessTokenPrefix: "opaque-t…" });
    expect(run.resultJson.notes.join(" ")).toContain("no expires_in");
    expect(run.resultJson.scopes).toMatchObject({ missing: ["write"], extra: ["other"] });
    expect(run.resultJson.warnings[0]).toContain("write");
    expect(run.traceJson[0].name).toBe("configuration");
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).health).toBe("FAILING");
  });

  it("reports an HTML error page by status and content type only", async () => {
    tinyRoutes.set("/token-html", (_req, res) => {
      res.statusCode = 500;
      res.setHeader("content-type", "text/html");
      res.end("<html><body>Internal error page-body-marker-31c</body></html>");
    });
    const connection = await manualConnection("html", "/token-html");
    const run = await testRun((await engine.runClientCredentialsTest({ connection, user: admin, actor: actor(admin), fetch })).testRunId);
    expect(run.diagnosisJson).toMatchObject({ code: "html_response", details: { status: "500", contentType: "text/html" } });
    expect(JSON.stringify(run)).not.toContain("page-body-marker");
  });

  it("reads a non-standard JSON error", async () => {
    tinyRoutes.set("/token-odd-json", (_req, res) => {
      res.statusCode = 400;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ error: { code: "E_CLIENT_LOCKED", message: "Client locked by policy" } }));
    });
    const connection = await manualConnection("odd json", "/token-odd-json");
    const run = await testRun((await engine.runClientCredentialsTest({ connection, user: admin, actor: actor(admin), fetch })).testRunId);
    expect(run.diagnosisJson.code).toBe("non_standard_error");
    expect(run.diagnosisJson.details.providerError).toBe("E_CLIENT_LOCKED: Client locked by policy");
  });

  it("treats a bare 401 with WWW-Authenticate as a client authentication failure", async () => {
    tinyRoutes.set("/token-401", (_req, res) => {
      res.statusCode = 401;
      res.setHeader("www-authenticate", 'Basic realm="tokens"');
      res.end();
    });
    const connection = await manualConnection("bare 401", "/token-401");
    const run = await testRun((await engine.runClientCredentialsTest({ connection, user: admin, actor: actor(admin), fetch })).testRunId);
    expect(run.diagnosisJson.code).toBe("invalid_client");
    expect(run.diagnosisJson.details["www-authenticate"]).toMatch(/^basic realm="tokens"$/i);
  });

  it("passes a non-standard error code through with its description", async () => {
    tinyRoutes.set("/token-custom-code", (_req, res) => {
      res.statusCode = 400;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ error: "tenant_suspended", error_description: "The tenant is suspended" }));
    });
    const connection = await manualConnection("custom code", "/token-custom-code");
    const run = await testRun((await engine.runClientCredentialsTest({ connection, user: admin, actor: actor(admin), fetch })).testRunId);
    expect(run.diagnosisJson.code).toBe("provider_error");
    expect(run.diagnosisJson.cause).toContain("tenant_suspended");
    expect(run.diagnosisJson.cause).toContain("The tenant is suspended");
  });
});

describe("authorization code", () => {
  it("completes with consent: ID token, userinfo, refresh with rotation, shared token set stored", async () => {
    const connection = await createConnection({ name: "web ok", grantType: "authorization_code", clientId: "web", clientSecret: SECRETS.web, scopes: ["openid", "email", "offline_access"] });
    const { started, callbackUrl } = await runCodeFlow(connection);
    expect(new URL(started.authorizationUrl).searchParams.get("code_challenge_method")).toBe("S256");
    expect(new URL(started.authorizationUrl).searchParams.get("nonce")).toBeTruthy();

    const pending = await db.pendingAuthorization.findFirstOrThrow({ where: { testRunId: started.testRunId } });
    expect(pending.stateHash).toMatch(/^[0-9a-f]{64}$/);
    expect(pending.stateHash).not.toBe(callbackUrl.searchParams.get("state"));
    seenSecrets.add(engine.decryptSecret(pending.codeVerifierEncrypted!, { recordId: pending.id, field: "codeVerifier" }));
    expect(pending.expiresAt.getTime() - pending.createdAt.getTime()).toBeLessThanOrEqual(10 * 60 * 1000 + 1000);

    const outcome = await engine.completeAuthorization({ callbackUrl, user: admin, actor: actor(admin), fetch });
    expect(outcome).toMatchObject({ kind: "result", connectionId: connection.id, testRunId: started.testRunId, outcome: "SUCCESS" });

    const run = await testRun(started.testRunId);
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
    expect(callbackStep.details.parameters.iss).toBe(provider.issuer);
    expect(run.traceJson[7].details.signature).toContain("verified against");
    expect(run.traceJson[6].details).toMatchObject({ status: "200", token_type: "Bearer", refresh_token: expect.stringMatching(/^.{8}…$/) });

    const tokenSet = await db.tokenSet.findUniqueOrThrow({ where: { connectionId_ownerKey: { connectionId: connection.id, ownerKey: "shared" } } });
    expect(tokenSet).toMatchObject({ refreshCount: 1, refreshTokenRotations: 1 });
    for (const field of ["accessToken", "refreshToken", "idToken"] as const) {
      const envelope = tokenSet[`${field}Encrypted`];
      if (envelope) seenSecrets.add(engine.decryptSecret(envelope, { recordId: tokenSet.id, field }));
    }
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).health).toBe("HEALTHY");

    // The same callback again: refused, and the code is not redeemed twice.
    const replay = await engine.completeAuthorization({ callbackUrl, user: admin, actor: actor(admin), fetch });
    expect(replay).toMatchObject({ kind: "refused", reason: "replayed", testRunId: started.testRunId });
  });

  it("uses PKCE S256 for a public client", async () => {
    const connection = await createConnection({ name: "public pkce", grantType: "authorization_code_pkce", clientId: "public", scopes: ["openid", "offline_access"] });
    const { started, callbackUrl } = await runCodeFlow(connection);
    const outcome = await engine.completeAuthorization({ callbackUrl, user: admin, actor: actor(admin), fetch });
    expect(outcome).toMatchObject({ kind: "result", outcome: "SUCCESS" });
    const run = await testRun(started.testRunId);
    expect(run.traceJson[1].details.pkce).toBe("S256");
    expect(run.traceJson.find((s: { name: string }) => s.name === "token_request").http[0].requestBody.code_verifier).toMatch(/^\[redacted/);
  });

  it("refuses a tampered state and someone else's state, without consuming it", async () => {
    const connection = await createConnection({ name: "web state", grantType: "authorization_code", clientId: "web", clientSecret: SECRETS.web, scopes: ["openid"] });
    const { callbackUrl } = await runCodeFlow(connection);
    const tampered = new URL(callbackUrl);
    tampered.searchParams.set("state", `${callbackUrl.searchParams.get("state")}x`);
    expect(await engine.completeAuthorization({ callbackUrl: tampered, user: admin, actor: actor(admin), fetch })).toMatchObject({ kind: "refused", reason: "unknown_state" });
    expect(await engine.completeAuthorization({ callbackUrl, user: otherAdmin, actor: actor(otherAdmin), fetch })).toMatchObject({ kind: "refused", reason: "other_user" });
    // Still usable by its owner.
    expect(await engine.completeAuthorization({ callbackUrl, user: admin, actor: actor(admin), fetch })).toMatchObject({ kind: "result", outcome: "SUCCESS" });
  });

  it("refuses an expired authorization and records the test as failed", async () => {
    const connection = await createConnection({ name: "web expired", grantType: "authorization_code", clientId: "web", clientSecret: SECRETS.web, scopes: ["openid"] });
    const { started, callbackUrl } = await runCodeFlow(connection);
    await db.pendingAuthorization.updateMany({ where: { testRunId: started.testRunId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const outcome = await engine.completeAuthorization({ callbackUrl, user: admin, actor: actor(admin), fetch });
    expect(outcome).toMatchObject({ kind: "refused", reason: "expired", testRunId: started.testRunId });
    expect((await testRun(started.testRunId)).status).toBe("FAILED");
  });

  it("diagnoses a user who declines consent", async () => {
    const connection = await createConnection({ name: "web denied", grantType: "authorization_code", clientId: "web", clientSecret: SECRETS.web, scopes: ["openid"] });
    const { started, callbackUrl } = await runCodeFlow(connection, "deny");
    expect(callbackUrl.searchParams.get("error")).toBe("access_denied");
    const outcome = await engine.completeAuthorization({ callbackUrl, user: admin, actor: actor(admin), fetch });
    expect(outcome).toMatchObject({ kind: "result", outcome: "FAILED" });
    const run = await testRun(started.testRunId);
    expect(run.diagnosisJson.code).toBe("access_denied");
    expect(run.traceJson.at(-1)).toMatchObject({ name: "callback", status: "failed" });
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).health).toBe("FAILING");
  });

  it("diagnoses an unregistered redirect URI before sending the browser away", async () => {
    const connection = await createConnection({ name: "web wrong redirect", grantType: "authorization_code", clientId: "wrong-redirect", clientSecret: SECRETS.web, scopes: ["openid"] });
    const started = await engine.startAuthorization({ connection, user: admin, actor: actor(admin), purpose: "TEST", fetch });
    expect(started.kind).toBe("failed");
    const run = await testRun(started.testRunId);
    expect(run.diagnosisJson.code).toBe("redirect_uri_mismatch");
    expect(run.diagnosisJson.fix).toContain(CALLBACK);
    expect(await db.pendingAuthorization.count({ where: { connectionId: connection.id } })).toBe(0);
  });

  it("stores a per-user token set when a user connects their account, and none for a test", async () => {
    const connection = await createConnection({ name: "per user", grantType: "authorization_code_pkce", clientId: "public", scopes: ["openid", "offline_access"], tokenSharing: "PER_USER" });
    const test = await runCodeFlow(connection);
    await engine.completeAuthorization({ callbackUrl: test.callbackUrl, user: admin, actor: actor(admin), fetch });
    expect(await db.tokenSet.count({ where: { connectionId: connection.id } })).toBe(0);

    const started = await engine.startAuthorization({ connection, user: otherAdmin, actor: actor(otherAdmin), purpose: "CONNECT", fetch });
    if (started.kind !== "redirect") throw new Error("did not start");
    const callbackUrl = await driveProviderLogin(started.authorizationUrl, CALLBACK, { login: "bob" });
    seenSecrets.add(callbackUrl.searchParams.get("code")!);
    expect(await engine.completeAuthorization({ callbackUrl, user: otherAdmin, actor: actor(otherAdmin), fetch })).toMatchObject({ kind: "result", outcome: "SUCCESS" });
    const sets = await db.tokenSet.findMany({ where: { connectionId: connection.id } });
    expect(sets.map((s) => [s.ownerKey, s.userId])).toEqual([[otherAdmin.id, otherAdmin.id]]);
    const authorized = await db.auditEvent.findFirstOrThrow({ where: { connectionId: connection.id, action: "connection.authorized" } });
    expect(JSON.parse(authorized.details)).toMatchObject({ forUser: otherAdmin.email, ownerKey: otherAdmin.id });
  });
});

describe("secrets stay secret", () => {
  it("keeps every secret, code, verifier and token out of test runs and audit events", async () => {
    const runs = await db.testRun.findMany();
    const events = await db.auditEvent.findMany();
    const stored = JSON.stringify([runs, events]);
    expect(seenSecrets.size).toBeGreaterThan(10);
    for (const secret of seenSecrets) expect(stored.includes(secret), `a secret value (${secret.slice(0, 4)}…) was stored`).toBe(false);
  });
});
