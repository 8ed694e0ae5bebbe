/**
 * DPoP (RFC 9449): the connection's key pair as openid-client needs it (a WebCrypto CryptoKeyPair
 * for getDPoPHandle), the proofs Handshake signs itself (the API check and the token API's
 * proof route for bots), the key's thumbprint (RFC 7638) and what the trace may show of a proof.
 */
import { createHash, generateKeyPairSync, randomUUID, webcrypto } from "node:crypto";
import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT, type JWK } from "jose";
import type { RequestOptions } from "@/lib/oauth/client-profile";

export type DpopKey = NonNullable<RequestOptions["dpopKey"]>;

/** Algorithms the console can generate and sign DPoP proofs with, in order of preference. */
export const DPOP_ALGORITHMS = ["ES256", "ES384", "PS256", "RS256", "EdDSA", "Ed25519"] as const;

const PUBLIC_MEMBERS = ["kty", "crv", "x", "y", "n", "e"] as const;

/** The public members only (RFC 9449 §4.2: the proof's jwk must not contain a private key). */
export function publicMembersOf(jwk: JsonWebKey): JWK {
  const out: Record<string, string> = {};
  for (const name of PUBLIC_MEMBERS) {
    const value = (jwk as Record<string, unknown>)[name];
    if (typeof value === "string") out[name] = value;
  }
  return out as JWK;
}

const THUMBPRINT_MEMBERS: Record<string, string[]> = {
  EC: ["crv", "kty", "x", "y"],
  RSA: ["e", "kty", "n"],
  OKP: ["crv", "kty", "x"],
};

/** The JWK SHA-256 thumbprint (RFC 7638 §3) a bound token's cnf.jkt carries (RFC 9449 §6). */
export function dpopThumbprintOf(publicJwk: JsonWebKey): string {
  const members = THUMBPRINT_MEMBERS[publicJwk.kty ?? ""] ?? [];
  const canonical = JSON.stringify(
    Object.fromEntries(members.map((m) => [m, (publicJwk as Record<string, unknown>)[m]])),
  );
  return createHash("sha256").update(canonical).digest("base64url");
}

/** A new key pair for `alg`; the public JWK carries its alg (what the connection page shows). */
export function generateDpopKey(alg: (typeof DPOP_ALGORITHMS)[number]): DpopKey {
  const { privateKey, publicKey } = alg.startsWith("ES")
    ? generateKeyPairSync("ec", { namedCurve: alg === "ES384" ? "P-384" : "P-256" })
    : alg.startsWith("PS") || alg.startsWith("RS")
      ? generateKeyPairSync("rsa", { modulusLength: 2048 })
      : generateKeyPairSync("ed25519");
  return {
    privateJwk: privateKey.export({ format: "jwk" }),
    publicJwk: { ...publicKey.export({ format: "jwk" }), alg },
    alg,
  };
}

function webCryptoAlgorithmOf(
  alg: string,
  jwk: JsonWebKey,
): webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams | webcrypto.Algorithm {
  if (alg.startsWith("ES")) return { name: "ECDSA", namedCurve: jwk.crv ?? "P-256" };
  if (alg.startsWith("PS")) return { name: "RSA-PSS", hash: `SHA-${alg.slice(2)}` };
  if (alg.startsWith("RS")) return { name: "RSASSA-PKCS1-v1_5", hash: `SHA-${alg.slice(2)}` };
  return { name: "Ed25519" };
}

/** The key pair as WebCrypto keys, what openid-client's getDPoPHandle signs with. */
export async function dpopKeyPairOf(key: DpopKey): Promise<CryptoKeyPair> {
  const algorithm = webCryptoAlgorithmOf(key.alg, key.publicJwk);
  const [privateKey, publicKey] = await Promise.all([
    webcrypto.subtle.importKey("jwk", key.privateJwk as webcrypto.JsonWebKey, algorithm, false, ["sign"]),
    webcrypto.subtle.importKey("jwk", publicMembersOf(key.publicJwk) as webcrypto.JsonWebKey, algorithm, true, [
      "verify",
    ]),
  ]);
  return { privateKey, publicKey } as CryptoKeyPair;
}

/** RFC 9449 §4.2: htu is the target URI without query and fragment. */
export function proofTargetOf(url: string): string {
  const target = new URL(url);
  return `${target.origin}${target.pathname}`;
}

/** RFC 9449 §4.2: ath is base64url(SHA-256(access token)). */
export function accessTokenHashOf(accessToken: string): string {
  return createHash("sha256").update(accessToken).digest("base64url");
}

/** A fresh proof for one request (RFC 9449 §4.2), with ath when it goes with an access token (§7.1). */
export async function createDpopProof(
  key: DpopKey,
  request: { htm: string; htu: string; nonce?: string; accessToken?: string },
): Promise<string> {
  const claims: Record<string, string> = {
    htm: request.htm.toUpperCase(),
    htu: proofTargetOf(request.htu),
    jti: randomUUID(),
  };
  if (request.accessToken) claims.ath = accessTokenHashOf(request.accessToken);
  if (request.nonce) claims.nonce = request.nonce;
  const privateKey = await importJWK({ ...(key.privateJwk as JWK), alg: key.alg }, key.alg);
  return new SignJWT(claims)
    .setProtectedHeader({ typ: "dpop+jwt", alg: key.alg, jwk: publicMembersOf(key.publicJwk) })
    .setIssuedAt()
    .sign(privateKey);
}

/** What the trace shows of a proof: its header and claims, never the signature. */
export function describeDpopProof(proof: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  try {
    return { header: decodeProtectedHeader(proof), claims: decodeJwt(proof) };
  } catch {
    return { header: {}, claims: {} };
  }
}

/** The algorithm a new key gets: ES256 unless the provider lists others but not ES256. */
export function dpopAlgorithmFor(supported: unknown): (typeof DPOP_ALGORITHMS)[number] {
  const listed = Array.isArray(supported) ? supported.filter((v): v is string => typeof v === "string") : [];
  if (listed.length === 0 || listed.includes("ES256")) return "ES256";
  return DPOP_ALGORITHMS.find((alg) => listed.includes(alg)) ?? "ES256";
}
