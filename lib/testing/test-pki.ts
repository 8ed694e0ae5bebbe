/**
 * A throwaway certificate authority for the mutual-TLS test server (RFC 8705): generated at startup
 * with @peculiar/x509, it issues the HTTPS server's certificate (127.0.0.1) and client certificates
 * with a chosen subject and validity. Keys are ECDSA P-256; everything is PEM.
 */
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API.
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as Crypto);

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const DAY_MS = 86_400_000;

/** A certificate and its private key, both PEM. */
export type IssuedCertificate = { certificatePem: string; privateKeyPem: string };

export type TestCertificateAuthority = IssuedCertificate & {
  /** A certificate for the HTTPS listener on 127.0.0.1 and localhost. */
  issueServerCertificate(): Promise<IssuedCertificate>;
  /** A client certificate with this subject DN ("CN=…, O=…"); `validDays` below 0 gives an expired one. */
  issueClientCertificate(subject: string, validDays?: number): Promise<IssuedCertificate>;
};

async function newKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"])) as CryptoKeyPair;
}

async function privateKeyPem(keys: CryptoKeyPair): Promise<string> {
  const der = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  return x509.PemConverter.encode(der, "PRIVATE KEY");
}

function validity(validDays: number): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  // An expired certificate was valid for a day that ended `-validDays` days ago.
  return validDays > 0
    ? { notBefore: new Date(now - DAY_MS), notAfter: new Date(now + validDays * DAY_MS) }
    : { notBefore: new Date(now + (validDays - 1) * DAY_MS), notAfter: new Date(now + validDays * DAY_MS) };
}

export async function createTestCertificateAuthority(name = "CN=Handshake Test CA"): Promise<TestCertificateAuthority> {
  const caKeys = await newKeys();
  const caCertificate = await x509.X509CertificateGenerator.createSelfSigned({
    name,
    keys: caKeys,
    signingAlgorithm: ALGORITHM,
    ...validity(30),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  return authorityOf(caCertificate, caKeys);
}

/**
 * The CA another process created (its certificate and key as PEM, e.g. from a file the e2e
 * authorization server wrote), issuing certificates the same listener trusts.
 */
export async function loadTestCertificateAuthority(stored: IssuedCertificate): Promise<TestCertificateAuthority> {
  const caCertificate = new x509.X509Certificate(stored.certificatePem);
  const der = x509.PemConverter.decode(stored.privateKeyPem)[0]!;
  const privateKey = await webcrypto.subtle.importKey("pkcs8", der, ALGORITHM, true, ["sign"]);
  const publicKey = await caCertificate.publicKey.export(ALGORITHM, ["verify"]);
  return authorityOf(caCertificate, { privateKey, publicKey });
}

async function authorityOf(
  caCertificate: x509.X509Certificate,
  caKeys: CryptoKeyPair,
): Promise<TestCertificateAuthority> {
  const issue = async (subject: string, validDays: number, extensions: x509.Extension[]) => {
    const keys = await newKeys();
    const certificate = await x509.X509CertificateGenerator.create({
      subject,
      issuer: caCertificate.subject,
      publicKey: keys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: ALGORITHM,
      ...validity(validDays),
      extensions: [
        new x509.BasicConstraintsExtension(false),
        await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
        ...extensions,
      ],
    });
    return { certificatePem: certificate.toString("pem"), privateKeyPem: await privateKeyPem(keys) };
  };

  return {
    certificatePem: caCertificate.toString("pem"),
    privateKeyPem: await privateKeyPem(caKeys),
    issueServerCertificate: () =>
      issue("CN=127.0.0.1", 30, [
        new x509.SubjectAlternativeNameExtension([
          { type: "ip", value: "127.0.0.1" },
          { type: "dns", value: "localhost" },
        ]),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      ]),
    issueClientCertificate: (subject, validDays = 30) =>
      issue(subject, validDays, [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])]),
  };
}

/** A self-signed client certificate (self_signed_tls_client_auth, RFC 8705 §2.2). */
export async function createSelfSignedClientCertificate(subject: string, validDays = 30): Promise<IssuedCertificate> {
  const keys = await newKeys();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: subject,
    keys,
    signingAlgorithm: ALGORITHM,
    ...validity(validDays),
  });
  return { certificatePem: certificate.toString("pem"), privateKeyPem: await privateKeyPem(keys) };
}
