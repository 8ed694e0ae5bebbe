/**
 * Refused client assertions (RFC 7523 §3) diagnosed from what a real oidc-provider answers: its
 * generic "client authentication failed" for a key it does not know, Okta's audience rule and a
 * clock five minutes ahead (oidc-provider-factory.ts plays both), and a discovery document that
 * does not list the connection's method.
 */
import { describe, expect, it } from "vitest";
import type { ClientMetadata } from "oidc-provider";
import { setUpConnectionTestFixture } from "@/lib/testing/connection-test-fixture";
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
  it("says what was seen when the provider does not say why (a key it does not know)", async () => {
    const other = generateClientKey("ES256");
    const run = await failedRun(await keyConnection("pk-diagnosis", other));
    expect(run.diagnosisJson).toMatchObject({
      title: "Signed assertion refused",
      details: { error: "invalid_client", error_description: "client authentication failed", status: "401" },
    });
    expect(run.diagnosisJson.cause).toContain(`(1) the public key with kid ${other.kid} is not the one registered`);
    await fx.expectNoSeenSecretStored();
  });

  it("is an audience not accepted when the provider takes only the token endpoint URL (as Okta)", async () => {
    const run = await failedRun(await keyConnection("aud-token-endpoint-pk"));
    expect(run.diagnosisJson).toMatchObject({
      code: "assertion_audience_refused",
      title: "Assertion audience not accepted",
      details: { error: "invalid_client" },
    });
    expect(run.diagnosisJson.cause).toContain("aud: the issuer");
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
