/**
 * DPoP for bots (RFC 9449) through the token API over real HTTP against the real oidc-provider: the
 * token API serves a DPoP-bound token as token_type DPoP, the dpop-proof route signs a proof with
 * which a bot calls the provider's userinfo, a proof for another htu is refused by the provider, and
 * refused htu values are RFC 9457 problems. The private key appears in no response.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { startTokenApiFixturePerFile } from "@/lib/testing/token-api-fixture-per-file";
import type { RunningApiServer } from "@/lib/testing/api-http-server";

const fx = startTokenApiFixturePerFile();
let server: RunningApiServer;

beforeAll(async () => {
  const { startApiHttpServer } = await import("@/lib/testing/api-http-server");
  server = await startApiHttpServer({
    "/api/v1/connections/[connection]/token": await import("@/app/api/v1/connections/[connection]/token/route"),
    "/api/v1/connections/[connection]/dpop-proof":
      await import("@/app/api/v1/connections/[connection]/dpop-proof/route"),
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const apiUrl = (ref: string, path: string) => `${server.origin}/api/v1/connections/${encodeURIComponent(ref)}/${path}`;

async function askProof(key: string, ref: string, body: unknown) {
  const response = await fetch(apiUrl(ref, "dpop-proof"), {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { response, text: await response.text() };
}

describe("DPoP through the token API", () => {
  it("serves token_type DPoP and a proof with which a bot calls userinfo; another htu is refused", async () => {
    // Straight to the provider: its proof's htu must be the provider's token endpoint (RFC 9449 §4.3), not the counting proxy.
    const connection = await fx.createConnection({ useDpop: true, tokenUrl: `${fx.provider.issuer}/token` });
    // An expired set: the token API refreshes it first, with the connection's DPoP key.
    await fx.authorize(connection.id, { expiresAt: new Date(Date.now() - 1000) });
    const { key } = await fx.createKey();
    const tokenResponse = await fetch(apiUrl(connection.name, "token"), {
      headers: { authorization: `Bearer ${key}` },
    });
    const token = (await tokenResponse.json()) as { access_token: string; token_type: string };
    expect(tokenResponse.status, JSON.stringify(token)).toBe(200);
    expect(token.token_type).toBe("DPoP");
    const set = await fx.db.tokenSet.findFirstOrThrow({ where: { connectionId: connection.id } });
    expect(set.dpopJkt).toBeTruthy();

    const userinfo = `${fx.provider.issuer}/me`;
    const asked = await askProof(key, connection.name, { htm: "GET", htu: `${userinfo}?x=1#f` });
    expect(asked.response.status, asked.text).toBe(200);
    expect(asked.response.headers.get("cache-control")).toContain("no-store");
    const { proof, jkt, htu } = JSON.parse(asked.text) as { proof: string; jkt: string; htu: string };
    expect(jkt).toBe(set.dpopJkt);
    expect(htu).toBe(userinfo);
    expect(decodeProtectedHeader(proof).typ).toBe("dpop+jwt");
    expect(decodeProtectedHeader(proof).jwk).not.toHaveProperty("d");
    expect(decodeJwt(proof)).toMatchObject({ htm: "GET", htu: userinfo, ath: expect.any(String) });
    expect(asked.text).not.toMatch(/"d"\s*:/);

    const called = await fetch(userinfo, { headers: { authorization: `DPoP ${token.access_token}`, dpop: proof } });
    expect(called.status, await called.clone().text()).toBe(200);
    expect(((await called.json()) as { sub: string }).sub).toBeTruthy();

    const other = await askProof(key, connection.name, { htm: "GET", htu: `${fx.provider.issuer}/elsewhere` });
    const wrong = (JSON.parse(other.text) as { proof: string }).proof;
    const refused = await fetch(userinfo, { headers: { authorization: `DPoP ${token.access_token}`, dpop: wrong } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toMatch(/invalid_dpop_proof/);

    // The bound token sent as a Bearer token is refused too (RFC 9449 §7.1).
    const asBearer = await fetch(userinfo, { headers: { authorization: `Bearer ${token.access_token}` } });
    expect(asBearer.status).toBe(401);

    // The proofs are counted as token reads: one token read and two proofs.
    await (await import("@/lib/api-keys/usage-recorder")).flushTokenReads();
    const reads = await fx.db.tokenReadCount.findMany({ where: { connectionId: connection.id } });
    expect(reads.reduce((sum, r) => sum + r.count, 0)).toBeGreaterThanOrEqual(3);
  });

  it("refuses htu values that are not URLs or not https, and connections without DPoP, as problems", async () => {
    const connection = await fx.createConnection({ useDpop: true });
    await fx.authorize(connection.id, { expiresAt: new Date(Date.now() + 3_600_000) });
    const { key } = await fx.createKey();
    for (const htu of ["ftp://files.example.test/x", "not a url"]) {
      const { response, text } = await askProof(key, connection.id, { htm: "GET", htu });
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(JSON.parse(text)).toMatchObject({ status: 400, detail: expect.stringContaining("https") });
    }
    const plain = await fx.createConnection();
    await fx.authorize(plain.id, { expiresAt: new Date(Date.now() + 3_600_000) });
    const { response, text } = await askProof(key, plain.id, { htm: "GET", htu: "https://api.example.test/" });
    expect(response.status, text).toBe(400);
    expect(text).toContain("does not use DPoP");
    const unauthenticated = await fetch(apiUrl(connection.id, "dpop-proof"), { method: "POST", body: "{}" });
    expect(unauthenticated.status).toBe(401);
  });

  it("allows plain http only where the outbound policy does", async () => {
    const { checkedProofTarget } = await import("@/lib/tokens/serve-dpop-proof");
    expect(() => checkedProofTarget("http://api.example.test/v1", false)).toThrow(/outbound policy/);
    expect(checkedProofTarget("http://api.example.test/v1", true)).toBe("http://api.example.test/v1");
    expect(checkedProofTarget("https://api.example.test/v1", false)).toBe("https://api.example.test/v1");
  });
});
