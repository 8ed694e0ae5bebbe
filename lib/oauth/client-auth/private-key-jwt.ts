/**
 * private_key_jwt (RFC 7523 §2.2, OIDC Core §9): a short-lived JWT signed with the client's private
 * key goes in the body as client_assertion; the provider checks it with the registered public key
 * (a JWKS it fetches, or one uploaded). The header names the key (kid) and, when the key came with
 * a certificate, its SHA-256 thumbprint (x5t#S256, RFC 7515 §4.1.8) as Entra ID expects. The
 * key is imported as a non-extractable WebCrypto CryptoKey for signing only.
 */
import { SignJWT } from "jose";
import type { ClientSigningKey } from "@/lib/oauth/client-auth/client-auth-method";
import {
  ASSERTION_AUDIENCE_LABELS,
  defineAssertionMethod,
  type AssertionClaims,
} from "@/lib/oauth/client-auth/client-secret-jwt";
import { labelledChoices } from "@/lib/schemas/labelled-choices";

/** ES256 first: the default of a generated key (small, fast, accepted by the major providers). */
export const {
  values: CLIENT_KEY_ALGORITHMS,
  labels: CLIENT_KEY_ALGORITHM_LABELS,
  includes: isClientKeyAlgorithm,
} = labelledChoices({
  ES256: "ES256: ECDSA P-256 (default)",
  RS256: "RS256: RSA 2048, PKCS#1 v1.5",
  PS256: "PS256: RSA 2048, PSS",
});
export type ClientKeyAlgorithm = (typeof CLIENT_KEY_ALGORITHMS)[number];

const IMPORT_PARAMETERS: Record<ClientKeyAlgorithm, EcKeyImportParams | RsaHashedImportParams> = {
  ES256: { name: "ECDSA", namedCurve: "P-256" },
  RS256: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
  PS256: { name: "RSA-PSS", hash: "SHA-256" },
};

export function importSigningKey(key: ClientSigningKey): Promise<CryptoKey> {
  if (!isClientKeyAlgorithm(key.alg)) throw new Error(`Unsupported client assertion algorithm ${key.alg}.`);
  // The JWK's own alg must match the import parameters; the stored alg decides.
  const jwk = { ...key.privateJwk, alg: key.alg };
  return globalThis.crypto.subtle.importKey("jwk", jwk, IMPORT_PARAMETERS[key.alg], false, ["sign"]);
}

/** The assertion signed with `key`: header alg, kid (and x5t#S256), the RFC 7523 §3 claims. */
export async function signPrivateKeyAssertion(claims: AssertionClaims, key: ClientSigningKey): Promise<string> {
  const header = { alg: key.alg, kid: key.kid, typ: "JWT", ...(key.x5tS256 ? { "x5t#S256": key.x5tS256 } : {}) };
  return new SignJWT({ ...claims }).setProtectedHeader(header).sign(await importSigningKey(key));
}

export const PRIVATE_KEY_JWT = defineAssertionMethod({
  method: "private_key_jwt",
  label: "private_key_jwt: a JWT signed with a private key (RFC 7523)",
  needs: "key",
  sign: (claims, credential) => {
    if (!credential.signingKey) throw new Error("private_key_jwt needs the connection's private key.");
    return signPrivateKeyAssertion(claims, credential.signingKey);
  },
  describe: (choice) =>
    `private_key_jwt (signed assertion, audience: ${ASSERTION_AUDIENCE_LABELS[choice.audience].replace(" (default)", "").toLowerCase()})`,
  switchReason: " The provider expects the client to sign its assertion with a registered private key (RFC 7523 §2.2).",
});
