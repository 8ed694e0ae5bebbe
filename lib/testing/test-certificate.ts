/**
 * A private key with a self-signed certificate whose notAfter the test chooses, as an admin
 * imports them for private_key_jwt (PKCS#8 PEM and certificate PEM), for expiry tests and the
 * browser story.
 */
import "reflect-metadata";
import crypto from "node:crypto";
import { X509CertificateGenerator } from "@peculiar/x509";

export async function createTestKeyCertificate(options: { notAfter: Date; commonName?: string }) {
  const algorithm = { name: "ECDSA", namedCurve: "P-256" };
  const keys = (await crypto.webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"])) as CryptoKeyPair;
  const certificate = await X509CertificateGenerator.createSelfSigned({
    serialNumber: crypto.randomBytes(8).toString("hex"),
    name: `CN=${options.commonName ?? "handshake-test"}`,
    notBefore: new Date(options.notAfter.getTime() - 400 * 86_400_000),
    notAfter: options.notAfter,
    keys,
    signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
  });
  const pkcs8 = Buffer.from(await crypto.webcrypto.subtle.exportKey("pkcs8", keys.privateKey));
  const privateKeyPem = crypto.createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" }).export({
    type: "pkcs8",
    format: "pem",
  }) as string;
  return { privateKeyPem, certificatePem: certificate.toString("pem") };
}
