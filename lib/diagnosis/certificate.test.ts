import { describe, expect, it } from "vitest";
import { diagnoseCertificateRefusal } from "@/lib/diagnosis/certificate";
import type { DiagnosisContext } from "@/lib/diagnosis/diagnosis";

const certificate = {
  subject: "CN=client, O=Example",
  issuer: "CN=Example CA",
  thumbprint: "abc",
  notAfter: new Date(Date.now() + 86_400_000).toISOString(),
};
const context = (extra: Partial<DiagnosisContext> = {}): DiagnosisContext => ({
  stage: "token",
  grantType: "client_credentials",
  clientAuthMethod: "tls_client_auth",
  callbackUrl: "https://console.example/api/oauth/callback",
  scopes: [],
  clientCertificate: certificate,
  ...extra,
});

describe("mTLS refusal diagnosis", () => {
  it.each([
    ["client certificate was not verified", "client_certificate_not_trusted"],
    ["certificate subject value does not match the registered one", "client_certificate_subject_mismatch"],
    ["client authentication failed", "client_certificate_refused"],
  ])("reads “%s” as %s", (description, code) => {
    const diagnosis = diagnoseCertificateRefusal(context(), ` The provider said: ${description}.`, description, {});
    expect(diagnosis.code).toBe(code);
    expect(diagnosis.details).toMatchObject({ certificate_thumbprint: "abc" });
  });

  it("names the registration to make when the subject does not match", () => {
    const diagnosis = diagnoseCertificateRefusal(context(), "", "subject does not match", {});
    expect(diagnosis.fix).toContain("“CN=client, O=Example”");
  });

  it("says an expired certificate expired, whatever the provider said", () => {
    const expired = { ...certificate, notAfter: "2020-01-31T00:00:00.000Z" };
    const diagnosis = diagnoseCertificateRefusal(context({ clientCertificate: expired }), "", "not verified", {});
    expect(diagnosis.code).toBe("client_certificate_expired");
    expect(diagnosis.cause).toContain("2020-01-31");
  });

  it("says when the provider does not list the method", () => {
    const diagnosis = diagnoseCertificateRefusal(
      context({ supportedAuthMethods: ["client_secret_basic", "private_key_jwt"] }),
      "",
      undefined,
      {},
    );
    expect(diagnosis.code).toBe("client_auth_not_supported");
    expect(diagnosis.cause).toContain("client_secret_basic, private_key_jwt");
  });
});
