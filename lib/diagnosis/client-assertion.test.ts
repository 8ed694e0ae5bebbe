/**
 * Refused client assertions as real providers word them (their error_description), and as
 * providers that do not say why answer them (oidc-provider's generic text, a bare 401).
 */
import { describe, expect, it } from "vitest";
import { diagnoseOAuthError } from "@/lib/diagnosis/classify-oauth-error";
import { diagnoseError } from "@/lib/diagnosis/diagnose-error";
import type { DiagnosisContext } from "@/lib/diagnosis/diagnosis";
import { ClientError } from "@/lib/oauth/protocol-errors";

const context = (more: Partial<DiagnosisContext> = {}): DiagnosisContext => ({
  stage: "token",
  grantType: "client_credentials",
  clientAuthMethod: "private_key_jwt",
  callbackUrl: "https://handshake.example/api/oauth/callback",
  scopes: [],
  assertionAudience: "issuer",
  clientKeyId: "kid-123",
  clientKeyAlgorithm: "ES256",
  ...more,
});

describe("a refused client assertion", () => {
  it.each([
    [
      "Entra ID",
      "AADSTS700027: Client assertion contains an invalid signature. [Reason - The key was not found.]",
      "assertion_key_unknown",
    ],
    ["Auth0", "Unknown or invalid kid", "assertion_key_unknown"],
    ["Keycloak", "Signature on JWT token failed validation", "assertion_key_unknown"],
    [
      "Okta",
      "The audience claim for client_assertion must be the endpoint invoked for the request.",
      "assertion_audience_refused",
    ],
    ["Keycloak", "Token audience doesn't match domain", "assertion_audience_refused"],
    ["Entra ID", "AADSTS700024: Client assertion is not within its valid time range.", "assertion_clock_skew"],
    ["Okta", "The client_assertion token is expired.", "assertion_clock_skew"],
    ["Okta", "The client_assertion token has an iat in the future.", "assertion_clock_skew"],
    ["Auth0", "Invalid client_assertion: algorithm RS384 is not allowed", "assertion_algorithm_refused"],
    [
      "oidc-provider (detail)",
      "the registered client token_endpoint_auth_method does not match the provided auth mechanism",
      "auth_method_not_supported",
    ],
  ])("is diagnosed from %s's words “%s”", (_provider, description, code) => {
    const diagnosis = diagnoseOAuthError("invalid_client", description, context(), { status: 401 });
    expect(diagnosis.code).toBe(code);
    expect(diagnosis.details).toMatchObject({ error: "invalid_client", error_description: description, status: "401" });
    expect(diagnosis.cause).toContain(description);
  });

  it("names the key and its registration in the fix when the key is unknown", () => {
    const diagnosis = diagnoseOAuthError("invalid_client", "Unknown or invalid kid", context());
    expect(diagnosis.title).toBe("Signing key not registered at the provider");
    expect(diagnosis.fix).toMatch(/^Register the public key with kid kid-123 at the provider/);
  });

  it("tells client_secret_jwt to re-enter the secret when the signature does not verify", () => {
    const diagnosis = diagnoseOAuthError(
      "invalid_client",
      "signature verification failed",
      context({ clientAuthMethod: "client_secret_jwt" }),
    );
    expect(diagnosis.fix).toMatch(/^Re-enter the client secret/);
  });

  it("suggests the other audience form", () => {
    const toTokenEndpoint = diagnoseOAuthError("invalid_client", "invalid audience", context());
    expect(toTokenEndpoint.cause).toContain("aud: the issuer");
    expect(toTokenEndpoint.fix).toBe("Change Assertion audience to “the token endpoint URL” and test again.");
    const toIssuer = diagnoseOAuthError(
      "invalid_client",
      "invalid audience",
      context({ assertionAudience: "token_endpoint" }),
    );
    expect(toIssuer.fix).toBe("Change Assertion audience to “the issuer” and test again.");
  });

  it("names the refused algorithm: the key's, or HS256 for client_secret_jwt", () => {
    expect(diagnoseOAuthError("invalid_client", "alg not allowed", context()).cause).toContain("signed with ES256");
    expect(
      diagnoseOAuthError("invalid_client", "alg not allowed", context({ clientAuthMethod: "client_secret_jwt" })).cause,
    ).toContain("signed with HS256");
  });

  it("says the provider does not support the method when discovery does not list it, whatever it said", () => {
    const diagnosis = diagnoseOAuthError(
      "invalid_client",
      "client authentication failed",
      context({ supportedAuthMethods: ["client_secret_basic", "client_secret_post"] }),
    );
    expect(diagnosis).toMatchObject({
      code: "auth_method_not_supported",
      title: "Client authentication method not supported by the provider",
    });
    expect(diagnosis.cause).toContain(
      "token_endpoint_auth_methods_supported lists client_secret_basic, client_secret_post",
    );
  });

  it("says what was seen and what to try when the provider does not say why", () => {
    const diagnosis = diagnoseOAuthError("invalid_client", "client authentication failed", context(), { status: 401 });
    expect(diagnosis).toMatchObject({ code: "invalid_client", title: "Signed assertion refused" });
    expect(diagnosis.cause).toMatch(
      /^The provider answered 401 invalid_client “client authentication failed”, which does not say/,
    );
    expect(diagnosis.cause).toContain("(1) the public key with kid kid-123 is not the one registered");
    expect(diagnosis.fix).toContain("switch Assertion audience to the other choice");
  });

  it("says what was seen when the refusal has no JSON body", async () => {
    const bare = new Response("", { status: 401 });
    const error = Object.assign(new ClientError("not json", { cause: bare }), { code: "OAUTH_RESPONSE_IS_NOT_JSON" });
    const diagnosis = await diagnoseError(error, context());
    expect(diagnosis.title).toBe("Signed assertion refused");
    expect(diagnosis.cause).toMatch(/^The provider answered 401 with an empty body \(no error code, no description\)/);
  });
});
