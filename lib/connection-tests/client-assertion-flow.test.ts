/**
 * Client authentication with a signed assertion (RFC 7523 §2.2): a client credentials test of a
 * client registered with client_secret_jwt at a real oidc-provider, with each audience form.
 */
import { describe, expect, it } from "vitest";
import { SECRETS, setUpConnectionTestFixture } from "@/lib/testing/connection-test-fixture";

const fx = setUpConnectionTestFixture();

describe("client_secret_jwt", () => {
  it.each(["issuer", "token_endpoint"] as const)(
    "gets a token with an assertion whose audience is the %s, sending no secret",
    async (audience) => {
      const connection = await fx.createConnection({
        name: `cc jwt ${audience}`,
        grantType: "client_credentials",
        clientId: "cc-jwt",
        clientSecret: SECRETS.ccJwt,
        clientAuthMethod: "client_secret_jwt",
        clientAssertionAudience: audience,
        scopes: ["api:read"],
        resource: "urn:unit:api",
      });
      const { testRunId, outcome } = await fx.runClientCredentials(connection);
      const run = await fx.testRun(testRunId);
      expect(run.diagnosisJson).toBeNull();
      expect(outcome).toBe("SUCCESS");
      const step = run.traceJson.find((s: { name: string }) => s.name === "token_request");
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
    const connection = await fx.createConnection({
      name: "cc jwt wrong secret",
      grantType: "client_credentials",
      clientId: "cc-jwt",
      clientSecret: `${SECRETS.ccJwt}-not-this-one`,
      clientAuthMethod: "client_secret_jwt",
    });
    const { testRunId, outcome } = await fx.runClientCredentials(connection);
    expect(outcome).toBe("FAILED");
    const run = await fx.testRun(testRunId);
    expect(run.diagnosisJson.details.error).toBe("invalid_client");
  });
});
