/**
 * The client certificates the console manages for mutual TLS (RFC 8705 §2): a self-signed one
 * generated here (self_signed_tls_client_auth) or an existing certificate and private key imported
 * as PEM (PKCS#12: lib/connections/pkcs12.ts). The key is sealed; the certificate is public and
 * kept in the clear with its facts (subject, issuer, x5t#S256 thumbprint, expiry). Server-only.
 */
import crypto from "node:crypto";
import type { ClientCertificate } from "@/lib/net/guarded-fetch";
import { encryptSecret } from "@/lib/crypto/secret-box";
import type { ClientCertificateSummary } from "@/lib/schemas/client-certificate";

/** What the connection page shows of a certificate: nothing private. */
export type ClientCertificateFacts = Omit<ClientCertificateSummary, "pem">;

/** A certificate or key the admin's input could not give, with the message for the field. */
export class ClientCertificateError extends Error {
  constructor(
    message: string,
    readonly field: "clientCertificatePem" | "clientCertificateKey" | "pkcs12File" | "pkcs12Password",
  ) {
    super(message);
  }
}

const GENERATED_VALID_DAYS = 365;
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** RFC 8705 §3.1: base64url SHA-256 of the certificate's DER. */
export function certificateThumbprint(certificate: crypto.X509Certificate): string {
  return crypto.createHash("sha256").update(certificate.raw).digest("base64url");
}

function leafOf(pem: string): crypto.X509Certificate {
  const first = pem.match(PEM_CERTIFICATE)?.[0];
  if (!first)
    throw new ClientCertificateError(
      "Paste the certificate as PEM (-----BEGIN CERTIFICATE-----).",
      "clientCertificatePem",
    );
  try {
    return new crypto.X509Certificate(first);
  } catch {
    throw new ClientCertificateError("This certificate could not be read: paste it as PEM.", "clientCertificatePem");
  }
}

/** Node writes a DN one attribute per line; shown as one line, as RFC 4514 readers expect. */
const oneLine = (dn: string) => dn.split("\n").filter(Boolean).join(", ");

export function certificateFactsOf(pem: string): ClientCertificateFacts {
  const leaf = leafOf(pem);
  return {
    subject: oneLine(leaf.subject),
    issuer: oneLine(leaf.issuer),
    thumbprint: certificateThumbprint(leaf),
    notBefore: new Date(leaf.validFrom).toISOString(),
    notAfter: new Date(leaf.validTo).toISOString(),
    selfSigned: leaf.subject === leaf.issuer && leaf.verify(leaf.publicKey),
  };
}

/** A new ECDSA P-256 key and a self-signed certificate for it, valid for a year. */
export async function generateSelfSignedCertificate(commonName: string): Promise<ClientCertificate> {
  // Loaded here, in order: @peculiar/x509 resolves its services through tsyringe, which needs the
  // Reflect metadata API first; a bundle may evaluate static imports in another order.
  await import("reflect-metadata");
  const x509 = await import("@peculiar/x509");
  x509.cryptoProvider.set(crypto.webcrypto as Crypto);
  const algorithm = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const keys = (await crypto.webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"])) as CryptoKeyPair;
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: [{ CN: [commonName] }],
    keys,
    signingAlgorithm: algorithm,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + GENERATED_VALID_DAYS * 86_400_000),
    extensions: [
      new x509.BasicConstraintsExtension(false),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
    ],
  });
  const pkcs8 = await crypto.webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  return { certificatePem: certificate.toString("pem"), privateKeyPem: x509.PemConverter.encode(pkcs8, "PRIVATE KEY") };
}

/** An existing certificate (PEM, leaf first) and its private key (PEM), checked to belong together. */
export function importCertificatePem(certificatePem: string, privateKeyPem: string): ClientCertificate {
  const leaf = leafOf(certificatePem);
  let privateKey: crypto.KeyObject;
  try {
    privateKey = crypto.createPrivateKey({ key: privateKeyPem.trim(), format: "pem" });
  } catch {
    throw new ClientCertificateError(
      "Paste the private key as unencrypted PEM (-----BEGIN PRIVATE KEY-----).",
      "clientCertificateKey",
    );
  }
  return certificateWithKey(leaf, certificatePem, privateKey);
}

/** The pair ready to seal; the key is re-exported as PKCS#8 PEM whatever form it came in. */
export function certificateWithKey(
  leaf: crypto.X509Certificate,
  certificatePem: string,
  privateKey: crypto.KeyObject,
): ClientCertificate {
  if (!leaf.publicKey.equals(crypto.createPublicKey(privateKey)))
    throw new ClientCertificateError("This private key does not belong to the certificate.", "clientCertificateKey");
  const chain = certificatePem.match(PEM_CERTIFICATE)?.join("\n") ?? leaf.toString();
  return {
    certificatePem: `${chain.trim()}\n`,
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

/** The columns that keep the key sealed with the row id (secret-box.ts) and the certificate in the clear. */
export function sealedCertificateColumns(connectionId: string, certificate: ClientCertificate) {
  return {
    clientCertificatePem: certificate.certificatePem,
    clientCertificateKeyEncrypted: encryptSecret(certificate.privateKeyPem, {
      recordId: connectionId,
      field: "clientCertificateKey",
    }),
    clientCertificateExpiresAt: new Date(certificateFactsOf(certificate.certificatePem).notAfter),
  };
}

/**
 * The certificate as a JWK with x5c (RFC 7517 §4.7), for a provider that fetches the connection's
 * key set to check a self-signed certificate (RFC 8705 §2.2).
 */
export function certificateJwkOf(certificatePem: string): Record<string, unknown> {
  const leaf = leafOf(certificatePem);
  const jwk = leaf.publicKey.export({ format: "jwk" });
  return { ...jwk, use: "sig", x5c: [leaf.raw.toString("base64")], "x5t#S256": certificateThumbprint(leaf) };
}
