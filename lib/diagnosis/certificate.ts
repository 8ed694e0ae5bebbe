/**
 * Mutual TLS client authentication (RFC 8705 §2) refused at the token endpoint: the certificate
 * expired, its CA is not trusted, its subject is not the registered one, a self-signed one is not
 * registered, or the provider does not offer the method. Providers often answer a bare
 * invalid_client; the certificate's own dates and the provider's words decide which case it is.
 */
import { diagnosisFrom, type CatalogueEntry, type Diagnosis, type DiagnosisContext } from "@/lib/diagnosis/diagnosis";
import type { Said } from "@/lib/diagnosis/shared-wording";

type Facts = Said & { subject: string; issuer: string; notAfter: string; method: string };

export const CERTIFICATE_DIAGNOSES = {
  certificate_expired: {
    code: "client_certificate_expired",
    title: "Client certificate expired",
    cause: (f: Facts) =>
      `The client certificate (${f.subject}) expired on ${f.notAfter}: no provider accepts it.${f.said}`,
    fix: "Generate or upload a new certificate on the Client step, register it at the provider, and test again.",
  },
  certificate_not_trusted: {
    code: "client_certificate_not_trusted",
    title: "Client certificate not trusted",
    cause: (f: Facts) =>
      `The provider did not verify the client certificate: it does not trust its issuer (${f.issuer}).${f.said}`,
    fix: "Use a certificate from a CA the provider trusts (its documentation lists them), or ask the provider to trust this CA.",
  },
  subject_mismatch: {
    code: "client_certificate_subject_mismatch",
    title: "Certificate subject does not match the registration",
    cause: (f: Facts) =>
      `The provider trusts the certificate's CA but the subject (${f.subject}) is not the one registered for this client.${f.said}`,
    fix: (f: Facts) =>
      `Register exactly “${f.subject}” as the client's subject DN (tls_client_auth_subject_dn) at the provider, or upload the certificate that is registered.`,
  },
  self_signed_not_registered: {
    code: "client_certificate_not_registered",
    title: "Self-signed certificate not registered",
    cause: (f: Facts) =>
      `The provider does not have this self-signed certificate (${f.subject}) in the client's registered keys.${f.said}`,
    fix: "Register the certificate from the connection's page at the provider (upload it, or give the provider the JWKS URL), then test again.",
  },
  certificate_refused: {
    code: "client_certificate_refused",
    title: "Client certificate refused",
    cause: (f: Facts) =>
      `The provider did not accept the client certificate (${f.subject}, issued by ${f.issuer}): it does not trust the issuer, or the subject is not the one registered for this client.${f.said}`,
    fix: "Check that the provider trusts the certificate's CA and that exactly this subject DN is registered for the client; then test again.",
  },
  method_not_supported: {
    code: "client_auth_not_supported",
    title: "The provider does not offer this client authentication",
    cause: (f: Facts & { supported: string }) =>
      `The provider's metadata does not list ${f.method} among token_endpoint_auth_methods_supported (it lists ${f.supported}).${f.said}`,
    fix: "Enable mutual TLS client authentication for this client at the provider, or choose one of the methods it lists.",
  },
} satisfies Record<string, CatalogueEntry<never>>;

const MTLS_METHODS = new Set(["tls_client_auth", "self_signed_tls_client_auth"]);

export function isMtlsMethod(method: string): boolean {
  return MTLS_METHODS.has(method);
}

/** The diagnosis of invalid_client for an mTLS method, from the certificate and the provider's words. */
export function diagnoseCertificateRefusal(
  context: DiagnosisContext,
  said: string,
  description: string | undefined,
  details: Record<string, string>,
): Diagnosis {
  const certificate = context.clientCertificate;
  const facts = {
    said,
    method: context.clientAuthMethod,
    subject: certificate?.subject ?? "unknown subject",
    issuer: certificate?.issuer ?? "unknown issuer",
    notAfter: certificate?.notAfter.slice(0, 10) ?? "an unknown date",
  };
  const withDetails = {
    details: { ...details, ...(certificate ? { certificate_thumbprint: certificate.thumbprint } : {}) },
  };
  const supported = context.supportedAuthMethods;
  if (supported && !supported.includes(context.clientAuthMethod))
    return diagnosisFrom(
      CERTIFICATE_DIAGNOSES.method_not_supported,
      { ...facts, supported: supported.join(", ") },
      withDetails,
    );
  if (certificate && Date.parse(certificate.notAfter) < Date.now())
    return diagnosisFrom(CERTIFICATE_DIAGNOSES.certificate_expired, facts, withDetails);
  const words = description ?? "";
  if (context.clientAuthMethod === "self_signed_tls_client_auth")
    return diagnosisFrom(CERTIFICATE_DIAGNOSES.self_signed_not_registered, facts, withDetails);
  if (/not (been )?verified|untrusted|unknown ca|chain/i.test(words))
    return diagnosisFrom(CERTIFICATE_DIAGNOSES.certificate_not_trusted, facts, withDetails);
  if (/subject|does not match|\bdn\b|\bsan\b/i.test(words))
    return diagnosisFrom(CERTIFICATE_DIAGNOSES.subject_mismatch, facts, withDetails);
  return diagnosisFrom(CERTIFICATE_DIAGNOSES.certificate_refused, facts, withDetails);
}
