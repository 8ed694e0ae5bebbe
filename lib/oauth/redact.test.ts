import { describe, expect, it } from "vitest";
import {
  redactClaims,
  redactParameters,
  redactRequestHeaders,
  redactResponseHeaders,
  redactTokenResponse,
  tokenPrefix,
} from "@/lib/oauth/redact";

describe("redaction", () => {
  it.each([
    ["abcdefghijklmnopqrstuvwxyz", "abcdefgh…"],
    ["short-token", "[redacted]"],
    [undefined, undefined],
  ])("shows tokens only as an 8-character prefix, and short values not at all: %s", (token, shown) => {
    expect(tokenPrefix(token)).toBe(shown);
  });

  it("redacts secrets, codes and verifiers in parameters, and keeps protocol values", () => {
    const shown = redactParameters(
      new URLSearchParams({
        grant_type: "authorization_code",
        code: "the-code-value",
        code_verifier: "the-verifier-value",
        client_secret: "the-secret",
        refresh_token: "the-refresh-token",
        redirect_uri: "https://app.example/cb",
        state: "0123456789abcdefghijkl",
        custom: "value",
        tenant: "contoso",
      }),
      ["tenant"],
    );
    expect(shown).toEqual({
      grant_type: "authorization_code",
      code: "[redacted, 14 characters]",
      code_verifier: "[redacted, 18 characters]",
      client_secret: "[redacted, 10 characters]",
      refresh_token: "[redacted, 17 characters]",
      redirect_uri: "https://app.example/cb",
      state: "01234567…",
      custom: "[not shown]",
      tenant: "contoso",
    });
  });

  it("redacts a plain PKCE challenge (it is the verifier) and shows an S256 one", () => {
    const verifier = "v".repeat(43);
    expect(
      redactParameters(new URLSearchParams({ code_challenge: verifier, code_challenge_method: "plain" }))
        .code_challenge,
    ).toBe("[redacted, 43 characters]");
    expect(redactParameters(new URLSearchParams({ code_challenge: verifier })).code_challenge).toBe(
      "[redacted, 43 characters]",
    );
    expect(
      redactParameters(new URLSearchParams({ code_challenge: "hashed", code_challenge_method: "S256" })).code_challenge,
    ).toBe("hashed");
  });

  it("keeps only the scheme of Basic credentials and a prefix of bearer tokens", () => {
    expect(
      redactRequestHeaders({
        authorization: "Basic Y2xpZW50OnNlY3JldA==",
        "content-type": "application/x-www-form-urlencoded",
        cookie: "a=b",
      }),
    ).toEqual({
      authorization: "Basic [client credentials redacted]",
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(redactRequestHeaders({ authorization: "Bearer eyJhbGciOiJFUzI1NiJ9.payload.sig" }).authorization).toBe(
      "Bearer eyJhbGci…",
    );
  });

  it("redacts a code in a Location header", () => {
    const headers = new Headers({ location: "https://app.example/cb?code=secret-code-123&state=0123456789abcdefghij" });
    expect(redactResponseHeaders(headers).location).toBe(
      "https://app.example/cb?code=%5Bredacted%2C+15+characters%5D&state=01234567%E2%80%A6",
    );
  });

  it("whitelists token response fields", () => {
    const protocolFields = { token_type: "Bearer", expires_in: 3600, scope: "openid" };
    const shown = redactTokenResponse({
      ...protocolFields,
      access_token: "access-token-value-0123456789",
      refresh_token: "refresh-token-value-0123456789",
      id_token: "eyJhbGciOiJFUzI1NiJ9.e30.sig-sig-sig",
      vendor_secret: "should not show",
    });
    expect(shown).toEqual({
      ...protocolFields,
      access_token: "access-t…",
      refresh_token: "refresh-…",
      id_token: "eyJhbGci…",
      other_fields: "vendor_secret",
    });
  });

  it("hides hash and binding claims", () => {
    expect(redactClaims({ sub: "alice", nonce: "n-0123", at_hash: "x", exp: 1, groups: ["a", "b"] })).toEqual({
      sub: "alice",
      nonce: "[present]",
      at_hash: "[present]",
      exp: 1,
      groups: '["a","b"]',
    });
  });
});
