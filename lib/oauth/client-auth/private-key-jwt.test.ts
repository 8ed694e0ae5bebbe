import crypto from "node:crypto";
import { decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { applyClientAuth, carriesClientCredential } from "@/lib/oauth/client-auth/client-auth-methods";
import { ASSERTION_LIFETIME_SECONDS, CLIENT_ASSERTION_TYPE } from "@/lib/oauth/client-auth/client-secret-jwt";
import type { ClientSigningKey } from "@/lib/oauth/client-auth/client-auth-method";
import { generateClientKey, publicJwkOf } from "@/lib/connections/client-keys";
import type { ClientKeyAlgorithm } from "@/lib/oauth/client-auth/private-key-jwt";

const AS = { issuer: "https://as.example", token_endpoint: "https://as.example/oauth/token" };

async function assertionFor(
  alg: ClientKeyAlgorithm,
  audience: "issuer" | "token_endpoint" = "issuer",
  extra: Partial<ClientSigningKey> = {},
) {
  const key = generateClientKey(alg);
  const body = new URLSearchParams();
  const headers = new Headers();
  const signingKey = { ...key, ...extra };
  await applyClientAuth({ method: "private_key_jwt", audience }, { signingKey, issuerKnown: true })(
    AS,
    { client_id: "pk-client" },
    body,
    headers,
  );
  return { key, body, headers, assertion: body.get("client_assertion") ?? "" };
}

describe("private_key_jwt assertions (RFC 7523 §2.2, §3; OIDC Core §9)", () => {
  it.each(["ES256", "RS256", "PS256"] as const)(
    "signs with %s: kid header, iss = sub = client ID, aud, unique jti, a minute's expiry",
    async (alg) => {
      const { key, body, headers, assertion } = await assertionFor(alg);
      expect(body.get("client_assertion_type")).toBe(CLIENT_ASSERTION_TYPE);
      expect(body.get("client_id")).toBe("pk-client");
      expect(headers.has("authorization")).toBe(false);
      expect(decodeProtectedHeader(assertion)).toEqual({ alg, kid: key.kid, typ: "JWT" });
      const { payload } = await jwtVerify(assertion, await importJWK(publicJwkOf(key), alg));
      expect(payload).toMatchObject({ iss: "pk-client", sub: "pk-client", aud: AS.issuer });
      expect(payload.exp! - payload.iat!).toBe(ASSERTION_LIFETIME_SECONDS);
      expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
      const second = await assertionFor(alg);
      expect(decodeProtectedHeader(second.assertion).kid).not.toBe(key.kid);
    },
  );

  it("never puts private key material in the request", async () => {
    const { key, body } = await assertionFor("RS256");
    for (const member of ["d", "p", "q", "dp", "dq", "qi"] as const) {
      expect(key.privateJwk[member]).toBeTruthy();
      expect(body.toString()).not.toContain(key.privateJwk[member]);
    }
  });

  it("names the token endpoint URL as audience when the connection chooses it", async () => {
    const { key, assertion } = await assertionFor("ES256", "token_endpoint");
    const { payload } = await jwtVerify(assertion, await importJWK(publicJwkOf(key), "ES256"));
    expect(payload.aud).toBe(AS.token_endpoint);
  });

  it("sends the certificate thumbprint as x5t#S256 when the key came with one", async () => {
    const x5tS256 = crypto.createHash("sha256").update("certificate").digest("base64url");
    const { assertion } = await assertionFor("ES256", "issuer", { x5tS256 });
    expect(decodeProtectedHeader(assertion)["x5t#S256"]).toBe(x5tS256);
  });

  it("is not verified by another key", async () => {
    const { assertion } = await assertionFor("ES256");
    const other = generateClientKey("ES256");
    await expect(jwtVerify(assertion, await importJWK(publicJwkOf(other), "ES256"))).rejects.toThrow();
  });

  it("counts as client credentials", async () => {
    const { body } = await assertionFor("ES256");
    expect(carriesClientCredential(new Headers(), body)).toBe(true);
  });
});
