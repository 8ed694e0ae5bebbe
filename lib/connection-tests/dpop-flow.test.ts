/**
 * DPoP (RFC 9449) against the real oidc-provider: clients with dpop_bound_access_tokens get bound
 * tokens by client credentials and by code + PKCE, userinfo takes a proof, the refresh keeps the
 * binding, a server that demands a nonce is answered by one retry, and one that does not bind is diagnosed.
 */
import { describe, expect, it } from "vitest";
import type { ClientMetadata } from "oidc-provider";
import { SECRETS, setUpConnectionTestFixture } from "@/lib/testing/connection-test-fixture";
import {
  API_READ,
  runClientCredentialsRun,
  testClientCredentialsConnection,
  traceStepOf,
} from "@/lib/testing/connection-test-runs";

const DPOP_CLIENTS: ClientMetadata[] = [
  ...["dpop-cc", "dpop-nonce-cc"].map((client_id) => ({
    client_id,
    client_secret: SECRETS.ccBasic,
    grant_types: ["client_credentials"],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: "client_secret_basic" as const,
    dpop_bound_access_tokens: true,
  })),
  {
    client_id: "dpop-web",
    client_secret: SECRETS.web,
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    redirect_uris: ["http://127.0.0.1:9/api/oauth/callback"],
    token_endpoint_auth_method: "client_secret_basic",
    dpop_bound_access_tokens: true,
  },
];

/** The connections to the DPoP clients above, DPoP on. */
const DPOP_CONNECTIONS = {
  cc: { grantType: "client_credentials", clientId: "dpop-cc", clientSecret: SECRETS.ccBasic, useDpop: true },
  web: { grantType: "authorization_code_pkce", clientId: "dpop-web", clientSecret: SECRETS.web, useDpop: true },
} as const;

const fx = setUpConnectionTestFixture(DPOP_CLIENTS);

type Step = { name: string; notes: string[]; http: { requestHeaders: Record<string, string> }[] };
const proofNotes = (steps: Step[], name: string) =>
  steps.filter((s) => s.name === name).flatMap((s) => s.notes.filter((n) => n.startsWith("DPoP proof")));

async function dpopJktOf(connectionId: string): Promise<string> {
  const { dpopKeyFactsOf } = await import("@/lib/connections/connection-dpop-key");
  const row = await fx.db.connection.findUniqueOrThrow({ where: { id: connectionId } });
  return dpopKeyFactsOf(row)!.jkt;
}

describe("DPoP", () => {
  it("client credentials: a bound JWT access token whose cnf.jkt is the connection key's thumbprint", async () => {
    const connection = await fx.createConnection({
      name: "dpop cc",
      ...DPOP_CONNECTIONS.cc,
      ...API_READ,
    });
    const jkt = await dpopJktOf(connection.id);
    const { testRunId, outcome, run } = await runClientCredentialsRun(fx, connection);
    expect(outcome, JSON.stringify(run.diagnosisJson)).toBe("SUCCESS");
    expect(run.resultJson.dpopBinding).toEqual({
      jkt,
      alg: "ES256",
      tokenType: "DPoP",
      tokenJkt: jkt,
      shownBy: "token",
      matches: true,
    });
    // What the result page reads back from the stored run keeps the binding.
    const { parseStoredTestRun } = await import("@/lib/connection-tests/stored-test-run");
    const stored = parseStoredTestRun(await fx.db.testRun.findUniqueOrThrow({ where: { id: testRunId } }));
    expect(stored.result.dpopBinding).toMatchObject({ jkt, matches: true });
    const notes = proofNotes(run.traceJson, "token_request");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('"typ":"dpop+jwt"');
    expect(notes[0]).toContain('"htm":"POST"');
    expect(traceStepOf(run, "token_request").http[0].requestHeaders.dpop).toBe("[DPoP proof]");
    const tokenSet = await fx.db.tokenSet.findFirstOrThrow({ where: { connectionId: connection.id } });
    expect(tokenSet).toMatchObject({ tokenType: "DPoP", dpopJkt: jkt });
    await fx.expectNoSeenSecretStored();
  });

  it("a server that demands a nonce gets one retry with it, noted in the trace", async () => {
    const { outcome, run } = await testClientCredentialsConnection(fx, {
      name: "dpop nonce",
      clientId: "dpop-nonce-cc",
      clientSecret: SECRETS.ccBasic,
      useDpop: true,
    });
    expect(outcome, JSON.stringify(run.diagnosisJson)).toBe("SUCCESS");
    const step = traceStepOf(run, "token_request") as Step;
    expect(step.http).toHaveLength(2);
    expect(step.notes.some((n) => n.includes("use_dpop_nonce"))).toBe(true);
    expect(proofNotes(run.traceJson, "token_request")[1]).toContain('"nonce":');
  });

  it("code + PKCE: bound token, userinfo with a proof, and the refresh keeps the binding", async () => {
    const connection = await fx.createConnection({
      name: "dpop web",
      ...DPOP_CONNECTIONS.web,
      scopes: ["openid", "offline_access"],
      testIntrospection: true,
    });
    const jkt = await dpopJktOf(connection.id);
    const { started, callbackUrl } = await fx.runCodeFlow(connection);
    // RFC 9449 §10: the code is bound to the key; the provider checks the token request's proof against it.
    expect(new URL(started.authorizationUrl).searchParams.get("dpop_jkt")).toBe(jkt);
    const completed = await fx.completeAuthorization(callbackUrl);
    expect(completed.kind).toBe("result");
    if (completed.kind !== "result") return;
    const run = await fx.testRun(completed.testRunId);
    expect(completed.outcome, JSON.stringify(run.diagnosisJson)).toBe("SUCCESS");
    expect(run.resultJson.userinfo).toMatchObject({ sub: expect.any(String) });
    expect(proofNotes(run.traceJson, "userinfo")[0]).toContain('"ath":');
    expect(proofNotes(run.traceJson, "refresh")).toHaveLength(1);
    expect(run.resultJson.refresh).toMatchObject({ ok: true });
    // The opaque token shows its binding to the introspection endpoint only (RFC 9449 §6.2).
    expect(run.resultJson.introspection).toMatchObject({ active: true, cnfJkt: jkt });
    expect(run.resultJson.dpopBinding).toMatchObject({
      jkt,
      tokenType: "DPoP",
      tokenJkt: jkt,
      shownBy: "introspection",
      matches: true,
    });
    const tokenSet = await fx.db.tokenSet.findFirstOrThrow({ where: { connectionId: connection.id } });
    expect(tokenSet).toMatchObject({ tokenType: "DPoP", dpopJkt: jkt, refreshCount: 1 });
  });

  it("diagnoses a provider that issues Bearer tokens while DPoP is on", async () => {
    fx.tinyRoutes.set("/bearer/token", (_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ access_token: "tiny-bearer-token-value", token_type: "Bearer", expires_in: 600 }));
    });
    const { connection, outcome, run } = await testClientCredentialsConnection(fx, {
      name: "dpop not bound",
      clientId: "tiny",
      clientSecret: SECRETS.ccBasic,
      useDpop: true,
      discovery: false,
      issuer: null,
      tokenUrl: `${fx.tinyOrigin}/bearer/token`,
    });
    expect(outcome).toBe("FAILED");
    expect(run.diagnosisJson).toMatchObject({ code: "dpop_not_supported" });
    expect(run.diagnosisJson.cause).toContain("no dpop_signing_alg_values_supported");
    expect(await fx.db.tokenSet.count({ where: { connectionId: connection.id } })).toBe(0);
  });

  it("diagnoses an API that wants a DPoP-bound token with a proof when the token went as Bearer", async () => {
    fx.tinyRoutes.set("/dpop-api", (_req, res) => {
      res.statusCode = 401;
      res.setHeader("www-authenticate", 'DPoP algs="ES256", error="invalid_token"');
      res.end();
    });
    const { outcome, run } = await testClientCredentialsConnection(fx, {
      name: "dpop api as bearer",
      clientId: "cc-basic",
      clientSecret: SECRETS.ccBasic,
      apiCheckUrl: `${fx.tinyOrigin}/dpop-api`,
    });
    expect(outcome).toBe("FAILED");
    expect(run.diagnosisJson).toMatchObject({ code: "dpop_token_sent_as_bearer" });
    expect(run.diagnosisJson.fix).toContain("Sender-constrained tokens (DPoP)");
  });
});
