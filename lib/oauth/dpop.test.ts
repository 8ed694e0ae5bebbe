import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import {
  createDpopProof,
  dpopAlgorithmFor,
  dpopKeyPairOf,
  dpopThumbprintOf,
  generateDpopKey,
  proofTargetOf,
} from "@/lib/oauth/dpop";

const key = generateDpopKey("ES256");

describe("DPoP proofs (RFC 9449 §4.2)", () => {
  it("carries typ, alg, the public jwk, htm, htu without query and fragment, iat, jti, ath and nonce", async () => {
    const accessToken = "an-access-token-value";
    const before = Math.floor(Date.now() / 1000);
    const proof = await createDpopProof(key, {
      htm: "get",
      htu: "https://api.example.test/v1/items?page=2#top",
      nonce: "server-nonce-1",
      accessToken,
    });
    const header = decodeProtectedHeader(proof);
    expect(header).toMatchObject({ typ: "dpop+jwt", alg: "ES256" });
    expect(header.jwk).toEqual({ kty: "EC", crv: "P-256", x: key.publicJwk.x, y: key.publicJwk.y });
    expect(Object.keys(header.jwk!)).not.toContain("d");
    const claims = decodeJwt(proof);
    expect(claims).toMatchObject({
      htm: "GET",
      htu: "https://api.example.test/v1/items",
      nonce: "server-nonce-1",
      ath: createHash("sha256").update(accessToken).digest("base64url"),
    });
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(claims.iat).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    // The signature verifies with the embedded public key.
    await jwtVerify(proof, await importJWK(header.jwk!, "ES256"));
  });

  it("makes a new jti per proof and leaves out ath and nonce when not given", async () => {
    const first = decodeJwt(await createDpopProof(key, { htm: "POST", htu: "https://as.example.test/token" }));
    const second = decodeJwt(await createDpopProof(key, { htm: "POST", htu: "https://as.example.test/token" }));
    expect(first.jti).not.toBe(second.jti);
    expect(first).not.toHaveProperty("ath");
    expect(first).not.toHaveProperty("nonce");
  });

  it("strips query and fragment from htu", () => {
    expect(proofTargetOf("https://a.test:8443/p/q?x=1#f")).toBe("https://a.test:8443/p/q");
  });

  it("computes the RFC 7638 thumbprint the token's cnf.jkt carries", () => {
    // RFC 7638 §3.1's example key and thumbprint.
    const jwk = {
      kty: "RSA",
      n: "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
      e: "AQAB",
      alg: "RS256",
    };
    expect(dpopThumbprintOf(jwk)).toBe("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  });

  it("opens the key as the WebCrypto pair openid-client signs with", async () => {
    const pair = await dpopKeyPairOf(key);
    expect(pair.privateKey.type).toBe("private");
    expect(pair.publicKey.type).toBe("public");
  });

  it("picks ES256 unless the provider lists other algorithms but not ES256", () => {
    expect(dpopAlgorithmFor(undefined)).toBe("ES256");
    expect(dpopAlgorithmFor(["EdDSA", "ES256"])).toBe("ES256");
    expect(dpopAlgorithmFor(["PS256", "RS256"])).toBe("PS256");
  });
});
