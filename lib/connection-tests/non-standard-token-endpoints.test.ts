/**
 * The client credentials test against non-standard token endpoints played by a tiny HTTP server,
 * with a real (temporary) database.
 */
import { describe, expect, it } from "vitest";
import { SECRETS, setUpConnectionTestFixture, type ConnectionInput } from "@/lib/testing/connection-test-fixture";

const fx = setUpConnectionTestFixture();

describe("non-standard providers", () => {
  function manualConnection(name: string, path: string, extra: Partial<ConnectionInput> = {}) {
    return fx.createConnection({
      name,
      grantType: "client_credentials",
      clientId: "any",
      clientSecret: "whatever-secret-1",
      discovery: false,
      issuer: fx.tinyOrigin,
      tokenUrl: `${fx.tinyOrigin}${path}`,
      ...extra,
    });
  }

  it("assumes the default lifetime when expires_in is missing, and warns about missing scopes", async () => {
    const accessToken = "opaque-token-value-0123456789abcdef";
    fx.seenSecrets.add(accessToken);
    fx.tinyRoutes.set("/token-minimal", (_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ access_token: accessToken, token_type: "Bearer", scope: "read other" }));
    });
    const connection = await manualConnection("minimal", "/token-minimal", {
      scopes: ["read", "write"],
      defaultTokenLifetime: 1800,
    });
    const { testRunId, outcome } = await fx.runClientCredentials(connection);
    expect(outcome).toBe("WARNING");
    const run = await fx.testRun(testRunId);
    expect(run.resultJson.token).toMatchObject({
      lifetimeSeconds: 1800,
      lifetimeSource: "default",
      accessTokenFormat: "opaque",
      accessTokenPrefix: "opaque-t…",
    });
    expect(run.resultJson.notes.join(" ")).toContain("no expires_in");
    expect(run.resultJson.scopes).toMatchObject({ missing: ["write"], extra: ["other"] });
    expect(run.resultJson.warnings[0]).toContain("write");
    expect(run.traceJson[0].name).toBe("configuration");
    expect((await fx.db.connection.findUniqueOrThrow({ where: { id: connection.id } })).health).toBe("FAILING");
  });

  it("reports an HTML error page by status and content type only", async () => {
    fx.tinyRoutes.set("/token-html", (_req, res) => {
      res.statusCode = 500;
      res.setHeader("content-type", "text/html");
      res.end("<html><body>Internal error page-body-marker-31c</body></html>");
    });
    const connection = await manualConnection("html", "/token-html");
    const run = await fx.testRun((await fx.runClientCredentials(connection)).testRunId);
    expect(run.diagnosisJson).toMatchObject({
      code: "html_response",
      details: { status: "500", contentType: "text/html" },
    });
    expect(JSON.stringify(run)).not.toContain("page-body-marker");
  });

  it("reads a non-standard JSON error", async () => {
    fx.tinyRoutes.set("/token-odd-json", (_req, res) => {
      res.statusCode = 400;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ error: { code: "E_CLIENT_LOCKED", message: "Client locked by policy" } }));
    });
    const connection = await manualConnection("odd json", "/token-odd-json");
    const run = await fx.testRun((await fx.runClientCredentials(connection)).testRunId);
    expect(run.diagnosisJson.code).toBe("non_standard_error");
    expect(run.diagnosisJson.details.providerError).toBe("E_CLIENT_LOCKED: Client locked by policy");
  });

  it("treats a bare 401 with WWW-Authenticate as a client authentication failure", async () => {
    fx.tinyRoutes.set("/token-401", (_req, res) => {
      res.statusCode = 401;
      res.setHeader("www-authenticate", 'Basic realm="tokens"');
      res.end();
    });
    const connection = await manualConnection("bare 401", "/token-401");
    const run = await fx.testRun((await fx.runClientCredentials(connection)).testRunId);
    expect(run.diagnosisJson.code).toBe("invalid_client");
    expect(run.diagnosisJson.details["www-authenticate"]).toMatch(/^basic realm="tokens"$/i);
  });

  it("passes a non-standard error code through with its description", async () => {
    fx.tinyRoutes.set("/token-custom-code", (_req, res) => {
      res.statusCode = 400;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ error: "tenant_suspended", error_description: "The tenant is suspended" }));
    });
    const connection = await manualConnection("custom code", "/token-custom-code");
    const run = await fx.testRun((await fx.runClientCredentials(connection)).testRunId);
    expect(run.diagnosisJson.code).toBe("provider_error");
    expect(run.diagnosisJson.cause).toContain("tenant_suspended");
    expect(run.diagnosisJson.cause).toContain("The tenant is suspended");
  });
});

describe("secrets stay secret", () => {
  it("keeps every client secret and token out of test runs and audit events", async () => {
    expect(fx.seenSecrets.size).toBeGreaterThan(Object.keys(SECRETS).length);
    await fx.expectNoSeenSecretStored();
  });
});
