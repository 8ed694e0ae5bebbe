import { decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { applyClientAuth, carriesClientCredential } from "@/lib/oauth/client-auth/client-auth-methods";
import {
  ASSERTION_LIFETIME_SECONDS,
  CLIENT_ASSERTION_TYPE,
  clientAssertionClaims,
} from "@/lib/oauth/client-auth/client-secret-jwt";

const SECRET = "a-client-secret-long-enough-for-hs256-0123456789";
const AS = { issuer: "https://as.example", token_endpoint: "https://as.example/oauth/token" };

async function assertionFor(audience: "issuer" | "token_endpoint", issuerKnown = true) {
  const body = new URLSearchParams();
  const headers = new Headers();
  const apply = applyClientAuth({ method: "client_secret_jwt", audience }, { secret: SECRET, issuerKnown });
  await apply(AS, { client_id: "jwt-client" }, body, headers);
  return { body, headers, assertion: body.get("client_assertion") ?? "" };
}

describe("client_secret_jwt assertions (RFC 7523 §2.2, §3; OIDC Core §9)", () => {
  it("names the client as iss and sub, a unique jti and an expiry a minute after iat", () => {
    const now = new Date("2026-12-05T12:00:00Z");
    const first = clientAssertionClaims("jwt-client", "https://as.example", now);
    const second = clientAssertionClaims("jwt-client", "https://as.example", now);
    expect(first).toMatchObject({ iss: "jwt-client", sub: "jwt-client", aud: "https://as.example" });
    expect(first.iat).toBe(now.getTime() / 1000);
    expect(first.exp - first.iat).toBe(ASSERTION_LIFETIME_SECONDS);
    expect(ASSERTION_LIFETIME_SECONDS).toBeLessThanOrEqual(300);
    expect(first.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.jti).not.toBe(first.jti);
  });

  it("sends the assertion in the body, HS256-signed with the secret, never the secret itself", async () => {
    const { body, headers, assertion } = await assertionFor("issuer");
    expect(body.get("client_assertion_type")).toBe(CLIENT_ASSERTION_TYPE);
    expect(body.get("client_id")).toBe("jwt-client");
    expect(body.has("client_secret")).toBe(false);
    expect(headers.has("authorization")).toBe(false);
    expect(body.toString()).not.toContain(SECRET);
    expect(decodeProtectedHeader(assertion)).toMatchObject({ alg: "HS256" });
    const { payload } = await jwtVerify(assertion, new TextEncoder().encode(SECRET), { algorithms: ["HS256"] });
    expect(payload).toMatchObject({ iss: "jwt-client", sub: "jwt-client", aud: AS.issuer });
    await expect(jwtVerify(assertion, new TextEncoder().encode(`${SECRET}x`))).rejects.toThrow();
  });

  it("names the token endpoint URL as audience when the connection chooses it", async () => {
    const { assertion } = await assertionFor("token_endpoint");
    const { payload } = await jwtVerify(assertion, new TextEncoder().encode(SECRET));
    expect(payload.aud).toBe(AS.token_endpoint);
  });

  it("falls back to the token endpoint URL when no issuer is known (endpoints entered by hand)", async () => {
    const { assertion } = await assertionFor("issuer", false);
    const { payload } = await jwtVerify(assertion, new TextEncoder().encode(SECRET));
    expect(payload.aud).toBe(AS.token_endpoint);
  });

  it("counts as client credentials, so it goes only to the secret's origin", async () => {
    const { body } = await assertionFor("issuer");
    expect(carriesClientCredential(new Headers(), body)).toBe(true);
    expect(carriesClientCredential(new Headers(), new URLSearchParams({ grant_type: "client_credentials" }))).toBe(
      false,
    );
  });
});
