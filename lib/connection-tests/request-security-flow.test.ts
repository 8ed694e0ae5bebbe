/**
 * PAR (RFC 9126) and JAR (RFC 9101) against a real oidc-provider: a client that requires PAR
 * (require_pushed_authorization_requests) passes with PAR "When the provider requires it" and is
 * diagnosed with PAR Off (a probe finds the fix, applied with one click); Always pushes every
 * request; a client that requires signed request objects passes with JAR alone and with JAR + PAR,
 * and no private key reaches the trace.
 */
import { describe, expect, it } from "vitest";
import type { ClientMetadata } from "oidc-provider";
import { actor, CALLBACK, SECRETS, setUpConnectionTestFixture } from "@/lib/testing/connection-test-fixture";
import { generateClientKey, publicJwkOf } from "@/lib/connections/client-keys";

const KEY = generateClientKey("ES256");

const codeClient = (clientId: string, extra: Partial<ClientMetadata>): ClientMetadata => ({
  client_id: clientId,
  grant_types: ["authorization_code", "refresh_token"],
  response_types: ["code"],
  redirect_uris: [CALLBACK],
  ...extra,
});

const fx = setUpConnectionTestFixture([
  codeClient("par-required", { client_secret: SECRETS.web, require_pushed_authorization_requests: true }),
  codeClient("par-optional", { client_secret: SECRETS.web }),
  ...["jar-required", "jar-par-required"].map((clientId) =>
    codeClient(clientId, {
      token_endpoint_auth_method: "private_key_jwt",
      jwks: { keys: [publicJwkOf(KEY)] },
      require_signed_request_object: true,
      request_object_signing_alg: "ES256",
      require_pushed_authorization_requests: clientId === "jar-par-required",
    }),
  ),
]);

type Step = { name: string; title: string; status: string; details: Record<string, unknown>; http: { url: string }[] };

async function connectionFor(clientId: string, options: { parMode: string; useJar?: boolean }) {
  const jar = clientId.startsWith("jar");
  const connection = await fx.createConnection({
    name: `${clientId} ${options.parMode} ${options.useJar ? "jar" : ""}`,
    grantType: "authorization_code",
    clientId,
    ...(jar ? { clientAuthMethod: "private_key_jwt", privateKey: KEY } : { clientSecret: SECRETS.web }),
    scopes: ["openid"],
  });
  return fx.db.connection.update({
    where: { id: connection.id },
    data: { parMode: options.parMode, useJar: options.useJar ?? false },
  });
}

async function passes(connection: Awaited<ReturnType<typeof connectionFor>>) {
  const { started, callbackUrl } = await fx.runCodeFlow(connection);
  expect(await fx.completeAuthorization(callbackUrl)).toMatchObject({ kind: "result", outcome: "SUCCESS" });
  const run = await fx.testRun(started.testRunId);
  return { authorizationUrl: new URL(started.authorizationUrl), steps: run.traceJson as Step[], trace: run.trace };
}

const startTest = (connection: Awaited<ReturnType<typeof connectionFor>>) =>
  fx.engine.startAuthorization({
    connection,
    user: fx.admin,
    actor: actor(fx.admin),
    purpose: "TEST",
    fetch: fx.fetch,
  });

const stepNamed = (steps: Step[], name: string) => steps.find((s) => s.name === name);

describe("pushed authorization requests (PAR)", () => {
  it("pushes the request when the provider requires it for this client (When required)", async () => {
    const { authorizationUrl, steps } = await passes(await connectionFor("par-required", { parMode: "WHEN_REQUIRED" }));
    expect([...authorizationUrl.searchParams.keys()].sort()).toEqual(["client_id", "request_uri"]);
    expect(stepNamed(steps, "authorization_check")).toMatchObject({ status: "warning" });
    const par = stepNamed(steps, "pushed_authorization_request");
    expect(par).toMatchObject({ title: "Pushed authorization request (PAR, RFC 9126)", status: "ok" });
    expect(par?.http[0]).toMatchObject({
      url: `${fx.provider.issuer}/request`,
      requestBody: { client_id: "par-required", redirect_uri: CALLBACK, code_challenge_method: "S256" },
      responseBody: { request_uri: authorizationUrl.searchParams.get("request_uri") },
    });
    await fx.expectNoSeenSecretStored();
  });

  it("diagnoses PAR Off at a client that requires it, and the probe's fix makes the test pass", async () => {
    const connection = await connectionFor("par-required", { parMode: "OFF" });
    const started = await startTest(connection);
    expect(started.kind).toBe("failed");
    const run = await fx.testRun(started.testRunId);
    expect(run.diagnosisJson).toMatchObject({
      code: "par_required",
      title: "The provider requires pushed authorization requests (PAR)",
      fix: expect.stringContaining("When the provider requires it"),
      probes: [{ label: "Pushed to the PAR endpoint", showed: "accepted: the provider issued a request_uri" }],
      suggestion: { change: { parMode: "WHEN_REQUIRED" }, connectionVersion: connection.version },
    });
    await fx.engine.applyTestFix(actor(fx.admin), { connectionId: connection.id, testRunId: started.testRunId });
    const fixed = await fx.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(fixed.parMode).toBe("WHEN_REQUIRED");
    await passes(fixed);
  });

  it("pushes every request with Always, also where the provider does not require it", async () => {
    const { authorizationUrl, steps } = await passes(await connectionFor("par-optional", { parMode: "ALWAYS" }));
    expect([...authorizationUrl.searchParams.keys()].sort()).toEqual(["client_id", "request_uri"]);
    expect(stepNamed(steps, "authorization_check")).toMatchObject({ status: "skipped" });
    expect(stepNamed(steps, "pushed_authorization_request")?.status).toBe("ok");
  });

  it("sends a plain request with When required where the provider does not require PAR", async () => {
    const { authorizationUrl, steps } = await passes(await connectionFor("par-optional", { parMode: "WHEN_REQUIRED" }));
    expect(authorizationUrl.searchParams.get("redirect_uri")).toBe(CALLBACK);
    expect(stepNamed(steps, "pushed_authorization_request")).toBeUndefined();
  });
});

describe("signed authorization requests (JAR)", () => {
  it("signs the request object with the connection's key (JAR alone)", async () => {
    const { authorizationUrl, steps, trace } = await passes(
      await connectionFor("jar-required", { parMode: "OFF", useJar: true }),
    );
    expect(authorizationUrl.searchParams.get("request")).toMatch(/^ey/);
    expect(stepNamed(steps, "request_object")?.details).toMatchObject({
      request_object: {
        header: { alg: "ES256", kid: KEY.kid, typ: "oauth-authz-req+jwt" },
        claims: { iss: "jar-required", aud: fx.provider.issuer, client_id: "jar-required", redirect_uri: CALLBACK },
      },
      signature: "not shown",
    });
    expect(trace).not.toContain(authorizationUrl.searchParams.get("request")!.split(".")[2]);
    expect(trace).not.toContain(String(KEY.privateJwk.d));
    await fx.expectNoSeenSecretStored();
  });

  it("pushes the signed request object (JAR + PAR)", async () => {
    const { authorizationUrl, steps, trace } = await passes(
      await connectionFor("jar-par-required", { parMode: "ALWAYS", useJar: true }),
    );
    expect([...authorizationUrl.searchParams.keys()].sort()).toEqual(["client_id", "request_uri"]);
    expect(stepNamed(steps, "request_object")?.status).toBe("ok");
    expect(stepNamed(steps, "pushed_authorization_request")?.http[0]).toMatchObject({
      requestBody: {
        request: expect.stringMatching(/^\[redacted/),
        client_assertion: expect.stringMatching(/^\[redacted/),
      },
    });
    expect(trace).not.toContain(String(KEY.privateJwk.d));
    await fx.expectNoSeenSecretStored();
  });

  it("diagnoses a client that requires a signed request object when JAR is off", async () => {
    const connection = await connectionFor("jar-required", { parMode: "OFF" });
    const started = await startTest(connection);
    expect(started.kind).toBe("failed");
    expect((await fx.testRun(started.testRunId)).diagnosisJson).toMatchObject({
      code: "jar_required",
      fix: expect.stringContaining("Signed authorization requests (JAR)"),
    });
  });
});

describe("PAR without a known PAR endpoint (endpoints entered by hand)", () => {
  it("says to set the connection up from discovery, for Always and for a provider that requires PAR", async () => {
    const issuer = fx.provider.issuer;
    const manual = { discovery: false, authorizationUrl: `${issuer}/auth`, tokenUrl: `${issuer}/token` };
    for (const [clientId, parMode, code] of [
      ["par-optional", "ALWAYS", "par_endpoint_unknown"],
      ["par-required", "WHEN_REQUIRED", "par_required"],
    ] as const) {
      const created = await fx.createConnection({
        name: `manual ${clientId} ${parMode}`,
        grantType: "authorization_code",
        clientId,
        clientSecret: SECRETS.web,
        scopes: ["openid"],
        ...manual,
      });
      const connection = await fx.db.connection.update({ where: { id: created.id }, data: { parMode } });
      const started = await startTest(connection);
      expect(started.kind).toBe("failed");
      expect((await fx.testRun(started.testRunId)).diagnosisJson).toMatchObject({
        code,
        fix: expect.stringContaining("Import from discovery"),
      });
    }
  });
});
