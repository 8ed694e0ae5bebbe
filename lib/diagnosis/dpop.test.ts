import { describe, expect, it } from "vitest";
import { diagnoseOAuthError } from "@/lib/diagnosis/classify-oauth-error";
import type { DiagnosisContext } from "@/lib/diagnosis/diagnosis";

const context = (stage: DiagnosisContext["stage"]): DiagnosisContext => ({
  stage,
  grantType: "authorization_code",
  clientAuthMethod: "client_secret_basic",
  callbackUrl: "https://handshake.example/api/oauth/callback",
  scopes: ["openid"],
});

describe("DPoP refusals (RFC 9449)", () => {
  it.each(["token", "refresh", "userinfo"] as const)("invalid_dpop_proof at %s: clock skew or algorithm", (stage) => {
    const diagnosis = diagnoseOAuthError("invalid_dpop_proof", "DPoP proof iat is not recent enough", context(stage));
    expect(diagnosis.code).toBe("invalid_dpop_proof");
    expect(diagnosis.cause).toContain("clock");
    expect(diagnosis.cause).toContain("algorithm");
    expect(diagnosis.cause).toContain("iat is not recent enough");
    expect(diagnosis.fix).toContain("NTP");
  });

  it("use_dpop_nonce after the one retry: the nonce demand persisted", () => {
    const diagnosis = diagnoseOAuthError("use_dpop_nonce", undefined, context("token"));
    expect(diagnosis.code).toBe("use_dpop_nonce");
    expect(diagnosis.cause).toContain("retried once");
  });
});
