/**
 * Refused client assertions (RFC 7523 §3) diagnosed from what a real oidc-provider answers: its
 * generic "client authentication failed" for a key it does not know, Okta's audience rule and a
 * clock five minutes ahead (oidc-provider-factory.ts plays both), and a discovery document that
 * does not list the connection's method.
 */
import { describe, expect, it } from "vitest";
import type { ClientMetadata } from "oidc-provider";
import { actor, setUpConnectionTestFixture } from "@/lib/testing/connection-test-fixture";
import { generateClientKey, publicJwkOf } from "@/lib/connections/client-keys";

const KEY = generateClientKey("ES256");

const keyClient = (clientId: string): ClientMetadata => ({
  client_id: clientId,
  grant_types: ["client_credentials"],
  response_types: [],
  redirect_uris: [],
  token_endpoint_auth_method: "private_key_jwt",
  jwks: { keys: [publicJwkOf(KEY)] },
});

const fx = setUpConnectionTestFixture([
  keyClient("pk-diagnosis"),
  keyClient("aud-token-endpoint-pk"),
  keyClient("clock-ahead-pk"),
]);

const keyConnection = (clientId: string, privateKey = KEY) =>
  fx.createConnection({
    name: `diagnosis ${clientId} ${privateKey.kid.slice(0, 6)}`,
    grantType: "client_credentials",
    clientId,
    clientAuthMethod: "private_key_jwt",
    privateKey,
  });

async function failedRun(connection: Awaited<ReturnType<typeof keyConnection>>) {
  const { testRunId, outcome } = await fx.runClientCredentials(connection);
  expect(outcome).toBe("FAILED");
  return fx.testRun(testRunId);
}

describe("a refused client assertion", () => {
  it("is a key not registered when the provider does not say why and the other audience is refused too", async () => {
    const other = generateClientKey("ES256");
    const run = await failedRun(await keyConnection("pk-diagnosis", other));
    expect(run.diagnosisJson).toMatchObject({
      code: "assertion_key_unknown",
      title: "Signing key not registered at the provider",
      details: { error: "invalid_client", error_description: "client authentication failed", status: "401" },
      // The scope probes follow; none of them gets a token either.
      probes: [
        {
          label: "with private_key_jwt (signed assertion, audience: the token endpoint url)",
          showed: "401 invalid_client: signed assertion refused",
          gotToken: false,
        },
        expect.objectContaining({ gotToken: false }),
        expect.objectContaining({ gotToken: false }),
      ],
    });
    expect(run.diagnosisJson.cause).toContain("the same way with either audience");
    expect(run.diagnosisJson.cause).toContain(`kid ${other.kid}`);
    expect(run.diagnosisJson.fix).toMatch(new RegExp(`^Register the public key with kid ${other.kid} at the provider`));
    expect(run.diagnosisJson.suggestion).toBeUndefined();
    await fx.expectNoSeenSecretStored();
  });

  it("finds the audience the provider accepts (only the token endpoint URL, as Okta) and fixes it with one click", async () => {
    const connection = await keyConnection("aud-token-endpoint-pk");
    const { testRunId, outcome } = await fx.runClientCredentials(connection);
    expect(outcome).toBe("FAILED");
    const run = await fx.testRun(testRunId);
    expect(run.diagnosisJson).toMatchObject({
      code: "works_with_change",
      title: "The provider accepts these credentials with the token endpoint URL as the assertion's audience",
      details: { error: "invalid_client", configured_request: "Assertion audience not accepted" },
      probes: [{ gotToken: true }],
      suggestion: {
        action: "set Assertion audience to the token endpoint URL",
        change: { clientAssertionAudience: "token_endpoint" },
        connectionVersion: connection.version,
      },
    });
    const probe = run.traceJson.find((s: { name: string }) => s.name === "probe");
    expect(probe.details.client_assertion.claims.aud).toBe(`${fx.provider.issuer}/token`);

    await fx.engine.applyTestFix(actor(fx.admin), { connectionId: connection.id, testRunId });
    const fixed = await fx.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(fixed.clientAssertionAudience).toBe("token_endpoint");
    const updated = await fx.db.auditEvent.findFirstOrThrow({
      where: { connectionId: connection.id, action: "connection.updated" },
    });
    expect(Object.keys(JSON.parse(updated.details).diff)).toEqual(["clientAssertionAudience"]);
    expect((await fx.runClientCredentials(fixed)).outcome).toBe("SUCCESS");
    await fx.expectNoSeenSecretStored();
  });

  it("is clock skew when the provider finds the assertion expired on arrival", async () => {
    const run = await failedRun(await keyConnection("clock-ahead-pk"));
    expect(run.diagnosisJson).toMatchObject({
      code: "assertion_clock_skew",
      details: { error_description: "The client_assertion token is expired." },
    });
    expect(run.diagnosisJson.fix).toMatch(/^Synchronise this server's clock/);
  });

  it("is a method the provider does not support when discovery does not list it", async () => {
    fx.tinyRoutes.set("/.well-known/openid-configuration", (_req, res) => {
      void fetch(`${fx.provider.issuer}/.well-known/openid-configuration`)
        .then((r) => r.json())
        .then((document: Record<string, unknown>) => {
          res.setHeader("content-type", "application/json");
          res.end(
            JSON.stringify({
              ...document,
              issuer: fx.tinyOrigin,
              token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
            }),
          );
        });
    });
    const connection = await fx.createConnection({
      name: "key method not listed",
      grantType: "client_credentials",
      clientId: "pk-diagnosis",
      clientAuthMethod: "private_key_jwt",
      privateKey: KEY,
      issuer: fx.tinyOrigin,
    });
    const run = await failedRun(connection);
    expect(run.diagnosisJson).toMatchObject({
      code: "auth_method_not_supported",
      title: "Client authentication method not supported by the provider",
    });
    expect(run.diagnosisJson.cause).toContain(
      "token_endpoint_auth_methods_supported lists client_secret_basic, client_secret_post",
    );
    await fx.expectNoSeenSecretStored();
  });
});
