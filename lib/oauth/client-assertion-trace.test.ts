import { describe, expect, it } from "vitest";
import { generateClientKey, signingKeyFrom } from "@/lib/connections/client-keys";
import { PRIVATE_KEY_JWT } from "@/lib/oauth/client-auth/private-key-jwt";
import { CLIENT_SECRET_JWT } from "@/lib/oauth/client-auth/client-secret-jwt";
import { TraceRecorder } from "@/lib/oauth/trace";

const AS = { issuer: "https://idp.example.com", token_endpoint: "https://idp.example.com/oauth/token" };
const SECRET = "a-client-secret-of-at-least-thirty-two-bytes-9f3c";

async function tracedTokenRequest(body: URLSearchParams) {
  const trace = new TraceRecorder();
  const fetch = trace.recordingFetch(async () => new Response("{}", { status: 401 }));
  await trace.step("token_request", "Token request", async () => {
    await fetch(AS.token_endpoint, { method: "POST", body });
  });
  return trace.steps[0]!;
}

describe("the client assertion in the trace", () => {
  it("shows a private_key_jwt assertion's header, claims and signing key, never its signature or the key", async () => {
    const key = generateClientKey("ES256");
    const body = new URLSearchParams({ grant_type: "client_credentials" });
    await PRIVATE_KEY_JWT.apply(
      { method: "private_key_jwt", audience: "token_endpoint" },
      { signingKey: signingKeyFrom(JSON.stringify(key)), issuerKnown: true },
    )(AS, { client_id: "svc" }, body, new Headers());
    const step = await tracedTokenRequest(body);
    const assertion = body.get("client_assertion")!;
    expect(step.details.client_assertion).toEqual({
      header: { alg: "ES256", kid: key.kid, typ: "JWT" },
      claims: {
        iss: "svc",
        sub: "svc",
        aud: AS.token_endpoint,
        jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
        iat: expect.stringMatching(/^\d+ \(\d{4}-/),
        exp: expect.stringMatching(/^\d+ \(\d{4}-/),
      },
      signed_with: `the private key with kid ${key.kid} (ES256)`,
    });
    const shown = JSON.stringify(step);
    expect(shown).not.toContain(assertion.split(".")[2]);
    expect(shown).not.toContain(assertion);
    expect(shown).not.toContain(String(key.privateJwk.d));
  });

  it("says a client_secret_jwt assertion was signed with the secret, and shows nothing of it", async () => {
    const body = new URLSearchParams({ grant_type: "client_credentials" });
    await CLIENT_SECRET_JWT.apply(
      { method: "client_secret_jwt", audience: "issuer" },
      { secret: SECRET, issuerKnown: true },
    )(AS, { client_id: "svc" }, body, new Headers());
    const step = await tracedTokenRequest(body);
    expect(step.details.client_assertion).toMatchObject({
      header: { alg: "HS256", typ: "JWT" },
      claims: { aud: AS.issuer },
      signed_with: "the client secret (HS256, client_secret_jwt)",
    });
    expect(JSON.stringify(step)).not.toContain(SECRET);
    expect(JSON.stringify(step)).not.toContain(body.get("client_assertion")!.split(".")[2]);
  });

  it("adds nothing for a request without an assertion or with one that is not a JWT", async () => {
    expect((await tracedTokenRequest(new URLSearchParams({ client_secret: "x" }))).details).toEqual({});
    expect((await tracedTokenRequest(new URLSearchParams({ client_assertion: "not-a-jwt" }))).details).toEqual({});
  });
});
