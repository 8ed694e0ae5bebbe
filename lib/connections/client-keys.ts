/**
 * The private keys the console manages for private_key_jwt: generated here or imported (PEM or
 * JWK, with an optional certificate for x5t#S256), kept sealed as the JSON of StoredClientKey, and
 * the public half every provider needs (JWK, PEM, RFC 7638 thumbprint). Server-only: node:crypto.
 */
import crypto from "node:crypto";
import {
  CLIENT_KEY_ALGORITHMS,
  isClientKeyAlgorithm,
  type ClientKeyAlgorithm,
} from "@/lib/oauth/client-auth/private-key-jwt";
import type { ClientSigningKey } from "@/lib/oauth/client-auth/client-auth-method";
import { encryptSecret } from "@/lib/crypto/secret-box";

/** What is sealed: the private JWK (with kid and alg) and the certificate's thumbprint, if any. */
export type StoredClientKey = {
  privateJwk: crypto.JsonWebKey;
  kid: string;
  alg: ClientKeyAlgorithm;
  x5tS256?: string;
  /** A prepared next key's certificate notAfter (ISO), which becomes the connection's on the switch. */
  certificateExpiresAt?: string;
};

/** A key the admin's input could not give, with the message for the field. */
export class ClientKeyError extends Error {}

const PUBLIC_MEMBERS: Record<string, string[]> = { EC: ["crv", "kty", "x", "y"], RSA: ["e", "kty", "n"] };

/** RFC 7638 §3: SHA-256 over the required members in lexicographic order, base64url. */
export function jwkThumbprint(jwk: crypto.JsonWebKey): string {
  const members = PUBLIC_MEMBERS[jwk.kty ?? ""];
  if (!members) throw new ClientKeyError("Only EC (P-256) and RSA keys are supported.");
  const canonical = JSON.stringify(Object.fromEntries(members.map((m) => [m, jwk[m]])));
  return crypto.createHash("sha256").update(canonical).digest("base64url");
}

function storedKeyOf(privateKey: crypto.KeyObject, alg: ClientKeyAlgorithm, x5tS256?: string): StoredClientKey {
  const privateJwk = privateKey.export({ format: "jwk" });
  const kid = jwkThumbprint(privateJwk);
  return { privateJwk: { ...privateJwk, kid, alg }, kid, alg, ...(x5tS256 ? { x5tS256 } : {}) };
}

/** A new key pair for `alg`; its kid is its thumbprint, so the same key always has the same kid. */
export function generateClientKey(alg: ClientKeyAlgorithm): StoredClientKey {
  const { privateKey } =
    alg === "ES256"
      ? crypto.generateKeyPairSync("ec", { namedCurve: "P-256" })
      : crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  return storedKeyOf(privateKey, alg);
}

function parsePrivateKey(text: string): crypto.KeyObject {
  const trimmed = text.trim();
  if (/-----BEGIN (RSA |EC )?PUBLIC KEY-----|-----BEGIN CERTIFICATE-----/.test(trimmed))
    throw new ClientKeyError("This is a public key or a certificate: paste the private key.");
  try {
    if (trimmed.startsWith("{")) {
      const jwk = JSON.parse(trimmed) as crypto.JsonWebKey;
      if (!jwk.d) throw new ClientKeyError("This JWK has no private part (d): paste the private key.");
      return crypto.createPrivateKey({ key: jwk, format: "jwk" });
    }
    return crypto.createPrivateKey({ key: trimmed, format: "pem" });
  } catch (error) {
    if (error instanceof ClientKeyError) throw error;
    throw new ClientKeyError("Paste a private key as PEM (-----BEGIN PRIVATE KEY-----) or as a JWK (JSON).");
  }
}

/** The algorithm an imported key signs with: P-256 → ES256; RSA (2048 bits or more) → RS256 or PS256. */
function algorithmFor(key: crypto.KeyObject, wanted: ClientKeyAlgorithm): ClientKeyAlgorithm {
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === "ec" && details?.namedCurve === "prime256v1") return "ES256";
  if (key.asymmetricKeyType === "rsa" && (details?.modulusLength ?? 0) >= 2048)
    return wanted === "PS256" ? "PS256" : "RS256";
  throw new ClientKeyError(
    `Use an EC P-256 or an RSA key of at least 2048 bits (${CLIENT_KEY_ALGORITHMS.join(", ")}).`,
  );
}

/**
 * SHA-256 of the certificate's DER (x5t#S256) and its notAfter (when it stops working), after
 * checking it certifies this private key.
 */
function readCertificate(pem: string, privateKey: crypto.KeyObject): { thumbprint: string; notAfter: Date } {
  let certificate: crypto.X509Certificate;
  try {
    certificate = new crypto.X509Certificate(pem.trim());
  } catch {
    throw new ClientKeyError("Paste the certificate as PEM (-----BEGIN CERTIFICATE-----).");
  }
  const publicKey = crypto.createPublicKey(privateKey);
  if (!certificate.publicKey.equals(publicKey))
    throw new ClientKeyError("This certificate is for another key than the private key above.");
  return {
    thumbprint: crypto.createHash("sha256").update(certificate.raw).digest("base64url"),
    notAfter: new Date(certificate.validTo),
  };
}

/**
 * An admin's private key (PEM or JWK) and optional certificate, checked and ready to seal, with
 * the certificate's notAfter (Connection.clientCertificateExpiresAt) or null without one.
 */
export function importClientKey(
  text: string,
  wanted: ClientKeyAlgorithm,
  certificatePem?: string,
):
  | { key: StoredClientKey; certificateExpiresAt: Date | null }
  | { error: string; field: "privateKeyImport" | "privateKeyCertificate" } {
  let privateKey: crypto.KeyObject;
  try {
    privateKey = parsePrivateKey(text);
    const alg = algorithmFor(privateKey, wanted);
    if (!certificatePem?.trim()) return { key: storedKeyOf(privateKey, alg), certificateExpiresAt: null };
    try {
      const certificate = readCertificate(certificatePem, privateKey);
      return {
        key: storedKeyOf(privateKey, alg, certificate.thumbprint),
        certificateExpiresAt: certificate.notAfter,
      };
    } catch (error) {
      if (error instanceof ClientKeyError) return { error: error.message, field: "privateKeyCertificate" };
      throw error;
    }
  } catch (error) {
    if (error instanceof ClientKeyError) return { error: error.message, field: "privateKeyImport" };
    throw error;
  }
}

/** The public JWK a provider registers: never d, p, q, dp, dq, qi. */
export function publicJwkOf(key: Pick<StoredClientKey, "privateJwk" | "kid" | "alg" | "x5tS256">) {
  const members = PUBLIC_MEMBERS[key.privateJwk.kty ?? ""] ?? [];
  return {
    ...Object.fromEntries(members.map((m) => [m, key.privateJwk[m] as string])),
    kid: key.kid,
    alg: key.alg,
    use: "sig",
    ...(key.x5tS256 ? { "x5t#S256": key.x5tS256 } : {}),
  };
}

/** The public key as SPKI PEM (-----BEGIN PUBLIC KEY-----). */
export function publicPemOf(publicJwk: crypto.JsonWebKey): string {
  return crypto.createPublicKey({ key: publicJwk, format: "jwk" }).export({ type: "spki", format: "pem" }).toString();
}

/** The columns that keep `key` sealed with the row id (secret-box.ts), and its kid in the clear. */
export function sealedKeyColumns(connectionId: string, key: StoredClientKey) {
  return {
    privateKeyEncrypted: encryptSecret(JSON.stringify(key), { recordId: connectionId, field: "privateKey" }),
    privateKeyId: key.kid,
    publicKeyJwk: JSON.stringify(publicJwkOf(key)),
  };
}

/** The columns of the next key (rotation): sealed under its own field name, untested until a test passes. */
export function sealedNextKeyColumns(connectionId: string, key: StoredClientKey) {
  return {
    nextPrivateKeyEncrypted: encryptSecret(JSON.stringify(key), { recordId: connectionId, field: "nextPrivateKey" }),
    nextPrivateKeyId: key.kid,
    nextPublicKeyJwk: JSON.stringify(publicJwkOf(key)),
    nextKeyTestedKid: null,
  };
}

/** The sealed JSON opened back into a signing key (lib/connections/client-profile.ts). */
export function signingKeyFrom(json: string): ClientSigningKey {
  const stored = JSON.parse(json) as StoredClientKey;
  if (!isClientKeyAlgorithm(stored.alg)) throw new ClientKeyError(`Unsupported algorithm ${String(stored.alg)}.`);
  return { privateJwk: stored.privateJwk, kid: stored.kid, alg: stored.alg, x5tS256: stored.x5tS256 };
}
