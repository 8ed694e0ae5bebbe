import * as oc from "openid-client";
import { describe, expect, it } from "vitest";
import { basicAuthorizationHeader, encodingsDiffer, formUrlEncode } from "@/lib/oauth/client-auth/basic-credentials";
import { applyClientAuth } from "@/lib/oauth/client-auth/client-auth-methods";
import { DiagnosedError } from "@/lib/diagnosis/diagnosis";

const decode = (header: string) => Buffer.from(header.replace(/^Basic /, ""), "base64").toString("utf8");

const AS: oc.ServerMetadata = { issuer: "https://as.example" };

function headerFrom(auth: oc.ClientAuth, clientId: string): string | null {
  const headers = new Headers();
  void auth(AS, { client_id: clientId }, new URLSearchParams(), headers);
  return headers.get("authorization");
}

const CASES = [
  { name: "unreserved marks", id: "my-client_id.v1!~*'()", secret: "s-e_c.r!e~t*'()" },
  { name: "spaces", id: "my client", secret: "a secret with spaces" },
  { name: "colons", id: "urn:client:42", secret: "pass:word:" },
  { name: "non-ASCII", id: "clïent-ñ", secret: "sécret-€-日本" },
];

describe("form-encoded Basic credentials (RFC 6749 §2.3.1)", () => {
  it.each(CASES)("encodes $name exactly as openid-client does", ({ id, secret }) => {
    const ours = basicAuthorizationHeader(id, secret, "form");
    expect(ours).toBe(headerFrom(oc.ClientSecretBasic(secret), id));
    expect(headerFrom(applyClientAuth({ method: "client_secret_basic", encoding: "form" }, { secret }), id)).toBe(ours);
  });

  it("percent-encodes every character outside ALPHA / DIGIT, a space as +", () => {
    expect(formUrlEncode("-_.!~*'()")).toBe("%2D%5F%2E%21%7E%2A%27%28%29");
    expect(formUrlEncode("a b:c")).toBe("a+b%3Ac");
    expect(formUrlEncode("é€")).toBe("%C3%A9%E2%82%AC");
    expect(decode(basicAuthorizationHeader("a:b", "c d", "form"))).toBe("a%3Ab:c+d");
  });

  it("decodes back to the original ID and secret with a form decoder", () => {
    for (const { id, secret } of CASES) {
      const [user, password] = decode(basicAuthorizationHeader(id, secret, "form")).split(":");
      expect(new URLSearchParams(`u=${user}&p=${password}`).get("u")).toBe(id);
      expect(new URLSearchParams(`u=${user}&p=${password}`).get("p")).toBe(secret);
    }
  });
});

describe("plain Basic credentials (RFC 7617)", () => {
  it.each(CASES.filter((c) => !c.id.includes(":")))("sends $name unencoded, as UTF-8", ({ id, secret }) => {
    const header = headerFrom(applyClientAuth({ method: "client_secret_basic", encoding: "plain" }, { secret }), id);
    expect(header).toBe(basicAuthorizationHeader(id, secret, "plain"));
    expect(decode(header!)).toBe(`${id}:${secret}`);
    // Split at the first colon, as RFC 7617 §2 reads it: a colon in the secret survives.
    const text = decode(header!);
    expect([text.slice(0, text.indexOf(":")), text.slice(text.indexOf(":") + 1)]).toEqual([id, secret]);
  });

  it("refuses a client ID with a colon, which plain Basic cannot carry", () => {
    expect(() => basicAuthorizationHeader("urn:client:42", "secret", "plain")).toThrow(DiagnosedError);
    expect(() =>
      headerFrom(
        applyClientAuth({ method: "client_secret_basic", encoding: "plain" }, { secret: "secret" }),
        "urn:client:42",
      ),
    ).toThrow(/plain Basic/);
  });

  it("differs from the form encoding only when a character needs encoding", () => {
    expect(encodingsDiffer("client42", "Secret0")).toBe(false);
    expect(basicAuthorizationHeader("client42", "Secret0", "plain")).toBe(
      basicAuthorizationHeader("client42", "Secret0", "form"),
    );
    for (const { id, secret } of CASES) expect(encodingsDiffer(id, secret)).toBe(true);
  });
});
