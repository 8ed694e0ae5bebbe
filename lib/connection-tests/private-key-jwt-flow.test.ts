/**
 * private_key_jwt (RFC 7523 §2.2, OIDC Core §9) against a real oidc-provider that knows the
 * clients' public keys (their registered jwks): client credentials and a code flow whose refresh
 * is authenticated the same way, with ES256 and RS256 keys the console generated, and a key the
 * provider does not know refused as invalid_client.
 */
import { describe, expect, it } from "vitest";
import type { ClientMetadata } from "oidc-provider";
import { CALLBACK, setUpConnectionTestFixture } from "@/lib/testing/connection-test-fixture";
import { API_READ, testClientCredentialsConnection, traceStepOf } from "@/lib/testing/connection-test-runs";
import { generateClientKey, publicJwkOf } from "@/lib/connections/client-keys";

const KEYS = { ES256: generateClientKey("ES256"), RS256: generateClientKey("RS256") };

function keyClient(alg: keyof typeof KEYS): ClientMetadata {
  return {
    client_id: `pk-${alg.toLowerCase()}`,
    grant_types: ["client_credentials", "authorization_code", "refresh_token"],
    response_types: ["code"],
    redirect_uris: [CALLBACK],
    token_endpoint_auth_method: "private_key_jwt",
    jwks: { keys: [publicJwkOf(KEYS[alg])] },
  };
}

const fx = setUpConnectionTestFixture([keyClient("ES256"), keyClient("RS256")]);

describe("private_key_jwt", () => {
  it.each(["ES256", "RS256"] as const)("gets a client credentials token with an %s-signed assertion", async (alg) => {
    const { outcome, run } = await testClientCredentialsConnection(fx, {
      name: `pk cc ${alg}`,
      clientId: `pk-${alg.toLowerCase()}`,
      clientAuthMethod: "private_key_jwt",
      privateKey: KEYS[alg],
      ...API_READ,
    });
    expect(run.diagnosisJson).toBeNull();
    expect(outcome).toBe("SUCCESS");
    const request = traceStepOf(run, "token_request");
    expect(request?.http[0].requestBody).toMatchObject({
      client_id: `pk-${alg.toLowerCase()}`,
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: expect.stringMatching(/^\[redacted, \d+ characters\]$/),
    });
    expect(request.details.client_assertion).toMatchObject({
      header: { alg, kid: KEYS[alg].kid },
      claims: { iss: `pk-${alg.toLowerCase()}`, sub: `pk-${alg.toLowerCase()}`, aud: fx.provider.issuer },
      signed_with: `the private key with kid ${KEYS[alg].kid} (${alg})`,
    });
    expect(run.trace).not.toContain(String(KEYS[alg].privateJwk.d));
    await fx.expectNoSeenSecretStored();
  });

  it.each(["ES256", "RS256"] as const)("refreshes a code flow's token with an %s-signed assertion", async (alg) => {
    const connection = await fx.createConnection({
      name: `pk code ${alg}`,
      grantType: "authorization_code",
      clientId: `pk-${alg.toLowerCase()}`,
      clientAuthMethod: "private_key_jwt",
      clientAssertionAudience: "token_endpoint",
      privateKey: KEYS[alg],
      scopes: ["openid", "offline_access"],
    });
    const { started, callbackUrl } = await fx.runCodeFlow(connection);
    expect(await fx.completeAuthorization(callbackUrl)).toMatchObject({ outcome: "SUCCESS" });
    const run = await fx.testRun(started.testRunId);
    expect(run.resultJson.refresh).toMatchObject({ ok: true, rotated: true });
    expect(traceStepOf(run, "refresh")?.http[0].requestBody).toMatchObject({
      grant_type: "refresh_token",
      client_assertion: expect.stringMatching(/^\[redacted/),
    });
    await fx.expectNoSeenSecretStored();
  });

  it("is refused as invalid_client when the key is not the registered one", async () => {
    const { outcome, run } = await testClientCredentialsConnection(fx, {
      name: "pk unregistered",
      clientId: "pk-es256",
      clientAuthMethod: "private_key_jwt",
      privateKey: generateClientKey("ES256"),
    });
    expect(outcome).toBe("FAILED");
    expect(run.diagnosisJson).toMatchObject({
      title: "Signing key not registered at the provider",
      details: { error: "invalid_client" },
      fix: expect.stringMatching(/^Register the public key with kid .+ at the provider/),
    });
    expect(run.diagnosisJson.details.try).toBeUndefined();
  });
});
