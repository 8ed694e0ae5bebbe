import { describe, expect, it } from "vitest";
import { CLIENT_CERTIFICATE_DEFAULTS, clientCertificateSchema } from "@/lib/schemas/client-certificate";
import { CLIENT_KEY_DEFAULTS, clientKeySchema } from "@/lib/schemas/client-key";

function messages(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));
}

describe("pasted key material in the credential forms", () => {
  it("requires the pasted text only for the source that uses it", () => {
    expect(clientKeySchema.safeParse(CLIENT_KEY_DEFAULTS).success).toBe(true);
    expect(
      messages(clientKeySchema.safeParse({ ...CLIENT_KEY_DEFAULTS, source: "import", privateKeyImport: " " })),
    ).toEqual({
      privateKeyImport: "Paste the private key, as PEM or as a JWK.",
    });
    expect(clientCertificateSchema.safeParse(CLIENT_CERTIFICATE_DEFAULTS).success).toBe(true);
    expect(messages(clientCertificateSchema.safeParse({ ...CLIENT_CERTIFICATE_DEFAULTS, source: "pem" }))).toEqual({
      clientCertificatePem: "Paste the certificate as PEM.",
      clientCertificateKey: "Paste the certificate's private key as PEM.",
    });
  });

  it("bounds the pasted text with a message naming the limit", () => {
    const long = "x".repeat(30_001);
    expect(messages(clientKeySchema.safeParse({ ...CLIENT_KEY_DEFAULTS, privateKeyCertificate: long }))).toEqual({
      privateKeyCertificate: "Use at most 20000 characters.",
    });
    expect(
      messages(clientCertificateSchema.safeParse({ ...CLIENT_CERTIFICATE_DEFAULTS, clientCertificatePem: long })),
    ).toEqual({
      clientCertificatePem: "Use at most 30000 characters.",
    });
  });
});
