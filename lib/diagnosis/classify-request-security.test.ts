import { describe, expect, it } from "vitest";
import { diagnoseOAuthError } from "@/lib/diagnosis/classify-oauth-error";
import type { DiagnosisContext } from "@/lib/diagnosis/diagnosis";

const callback: DiagnosisContext = {
  stage: "callback",
  grantType: "authorization_code_pkce",
  clientAuthMethod: "private_key_jwt",
  callbackUrl: "https://console.example/api/oauth/callback",
  scopes: ["openid"],
};

describe("request security refusals on the callback (the provider's redirect with an error)", () => {
  it.each([
    ["invalid_request", "Pushed Authorization Request must be used", "par_required"],
    ["invalid_request", "pushed authorization requests required for this client", "par_required"],
    ["invalid_request", "PAR is mandatory", "par_required"],
    ["invalid_request_uri", "request_uri is invalid, expired, or was already used", "invalid_request_uri"],
    ["invalid_request", "Request Object must be used by this client", "jar_required"],
    ["invalid_request_object", "could not validate Request Object (signature verification failed)", "jar_refused"],
    ["request_not_supported", undefined, "jar_refused"],
  ])("%s “%s” is %s", (error, description, code) => {
    const diagnosis = diagnoseOAuthError(error, description, callback);
    expect(diagnosis.code).toBe(code);
    expect(diagnosis.fix).not.toBe("");
  });

  it("leaves other invalid_request refusals to the general entry", () => {
    expect(diagnoseOAuthError("invalid_request", "missing required parameter 'scope'", callback).code).toBe(
      "invalid_request",
    );
  });
});
