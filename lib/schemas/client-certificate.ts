/** The client certificate form of mutual TLS (wizard's Client step), shared by the browser and its server action. */
import { z } from "zod";
import { pastedText, requiredForSource } from "@/lib/schemas/pasted-text";

export const CLIENT_CERTIFICATE_SOURCES = ["generate", "pem", "pkcs12"] as const;

/** A .p12 of a few certificates, base64 (the browser reads the chosen file). */
const PKCS12_BASE64_MAX = 100_000;

/** A PEM chain of a few RSA 4096 certificates stays well below this. */
const PEM_TEXT_MAX = 30_000;

export const clientCertificateSchema = z
  .object({
    source: z.enum(CLIENT_CERTIFICATE_SOURCES, { message: "Choose whether to generate or upload the certificate." }),
    clientCertificatePem: pastedText(PEM_TEXT_MAX),
    clientCertificateKey: pastedText(PEM_TEXT_MAX),
    pkcs12File: z
      .string()
      .max(PKCS12_BASE64_MAX, "This file is too large for a client certificate.")
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, "Choose the .p12 or .pfx file again."),
    // Used once to open the file; never stored, logged or audited.
    pkcs12Password: z.string().max(1_000, "Use at most 1,000 characters."),
  })
  .superRefine(
    requiredForSource({
      pkcs12: [["pkcs12File", "Choose the .p12 or .pfx file."]],
      pem: [
        ["clientCertificatePem", "Paste the certificate as PEM."],
        ["clientCertificateKey", "Paste the certificate's private key as PEM."],
      ],
    }),
  );

export type ClientCertificateInput = z.infer<typeof clientCertificateSchema>;

export const CLIENT_CERTIFICATE_DEFAULTS: ClientCertificateInput = {
  source: "generate",
  clientCertificatePem: "",
  clientCertificateKey: "",
  pkcs12File: "",
  pkcs12Password: "",
};

/** What the browser learns of a stored certificate: the certificate (public) and its facts, never the key. */
export type ClientCertificateSummary = {
  subject: string;
  issuer: string;
  /** SHA-256 of the DER, base64url: the x5t#S256 a bound token's cnf carries (RFC 8705 §3.1). */
  thumbprint: string;
  notBefore: string;
  notAfter: string;
  selfSigned: boolean;
  pem: string;
};
