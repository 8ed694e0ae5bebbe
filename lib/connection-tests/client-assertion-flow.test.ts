/**
 * Client authentication with a signed assertion (RFC 7523 §2.2): a client credentials test of a
 * client registered with client_secret_jwt at a real oidc-provider, with each audience form.
 */
import { describe, expect, it } from "vitest";
import { SECRETS, setUpConnectionTestFixture } from "@/lib/testing/connection-test-fixture";
import { API_READ, testClientCredentialsConnection, traceStepOf } from "@/lib/testing/connection-test-runs";

const fx = setUpConnectionTestFixture();

describe("client_secret_jwt", () => {
  it.each(["issuer", "token_endpoint"] as const)(
    "gets a token with an assertion whose audience is the %s, sending no secret",
    async (audience) => {
      const { outcome, run } = await testClientCredentialsConnection(fx, {
        name: `cc jwt ${audience}`,
        clientId: "cc-jwt",
        clientSecret: SECRETS.ccJwt,
        clientAuthMethod: "client_secret_jwt",
        clientAssertionAudience: audience,
        ...API_READ,
      });
      expect(run.diagnosisJson).toBeNull();
      expect(outcome).toBe("SUCCESS");
      const step = traceStepOf(run, "token_request");
      expect(step.details.client_authentication).toContain("client_secret_jwt");
      const exchange = step.http[0];
      expect(exchange.requestHeaders.authorization).toBeUndefined();
      expect(exchange.requestBody).toMatchObject({
        grant_type: "client_credentials",
        client_id: "cc-jwt",
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      });
      expect(exchange.requestBody.client_assertion).toMatch(/^\[redacted, \d+ characters\]$/);
      expect(exchange.requestBody.client_secret).toBeUndefined();
      await fx.expectNoSeenSecretStored();
    },
  );

  it("is refused as invalid_client when the assertion is signed with another secret", async () => {
    const { outcome, run } = await testClientCredentialsConnection(fx, {
      name: "cc jwt wrong secret",
      clientId: "cc-jwt",
      clientSecret: `${SECRETS.ccJwt}-not-this-one`,
      clientAuthMethod: "client_secret_jwt",
    });
    expect(outcome).toBe("FAILED");
    expect(run.diagnosisJson.details.error).toBe("invalid_client");
  });
});
