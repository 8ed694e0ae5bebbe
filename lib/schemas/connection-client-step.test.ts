/** The connection form's client step: client ID, secret rules, authentication methods and their fields. */
import { describe, expect, it } from "vitest";
import { errorsOf, stored, strict, valid } from "@/lib/testing/connection-schema-values";

describe("client step", () => {
  it("requires the client ID and a secret for confidential clients", () => {
    const errors = errorsOf(strict.steps.client.safeParse({ ...valid, clientId: " ", clientSecret: "" }));
    expect(errors.clientId).toBe("Enter the client ID.");
    expect(errors.clientSecret).toBe("Enter the client secret.");
  });

  it("keeps the stored secret when the field is left empty", () => {
    const result = stored.steps.client.safeParse({ ...valid, clientSecret: "" });
    expect(result.success && result.data.clientSecret).toBeNull();
  });

  it("lets only a PKCE client be public, and then drops any typed secret", () => {
    const pkce = strict.steps.client.safeParse({
      ...valid,
      grantType: "authorization_code_pkce",
      clientAuthMethod: "none",
      clientSecret: "typed",
    });
    expect(pkce.success && pkce.data.clientSecret).toBeNull();
    expect(errorsOf(strict.steps.client.safeParse({ ...valid, clientAuthMethod: "none" })).clientAuthMethod).toMatch(
      /PKCE/,
    );
    expect(
      errorsOf(strict.steps.client.safeParse({ ...valid, grantType: "authorization_code_pkce", clientSecret: "" }))
        .clientSecret,
    ).toBe("Enter the client secret.");
  });

  it("refuses non-printable secrets and surrounding spaces", () => {
    expect(errorsOf(strict.steps.client.safeParse({ ...valid, clientSecret: "sécret" })).clientSecret).toMatch(
      /printable ASCII/,
    );
    expect(errorsOf(strict.steps.client.safeParse({ ...valid, clientSecret: " padded " })).clientSecret).toMatch(
      /spaces/,
    );
  });

  it("removes duplicate scopes and refuses bad ones", () => {
    const result = strict.steps.client.safeParse(valid);
    expect(result.success && result.data.scopes).toEqual(["openid", "email"]);
    const errors = errorsOf(strict.steps.client.safeParse({ ...valid, scopes: ["ok", 'b"ad', "back\\slash"] }));
    expect(errors["scopes.1"]).toMatch(/quotes or backslashes/);
    expect(errors["scopes.2"]).toMatch(/quotes or backslashes/);
    expect(
      errorsOf(strict.steps.client.safeParse({ ...valid, scopes: Array.from({ length: 51 }, (_, i) => `s${i}`) }))
        .scopes,
    ).toMatch(/50/);
  });

  it.each([
    ["state", "ties the callback to the test"],
    ["nonce", "ties the ID token to the test"],
    ["code_challenge", "PKCE"],
    ["code_challenge_method", "PKCE"],
    ["redirect_uri", "the console's callback URL"],
    ["client_id", "from the client ID"],
    ["response_type", "from the grant"],
    ["grant_type", "from the grant"],
    ["code", "the authorization code"],
    ["client_secret", "from the client authentication"],
    ["STATE", "in any case"],
  ])("refuses the additional parameter %s, which the protocol sets (%s)", (key) => {
    const errors = errorsOf(
      strict.steps.client.safeParse({
        ...valid,
        authParams: [{ key, value: "x" }],
        tokenParams: [{ key, value: "x" }],
      }),
    );
    expect(errors["authParams.0.key"]).toMatch(/set by the protocol/);
    expect(errors["tokenParams.0.key"]).toMatch(/set by the protocol/);
  });

  it("refuses an additional parameter that has its own field", () => {
    expect(
      errorsOf(strict.steps.client.safeParse({ ...valid, authParams: [{ key: "scope", value: "x" }] }))[
        "authParams.0.key"
      ],
    ).toMatch(/own field/);
  });

  it("refuses nameless, malformed and repeated parameters, drops blank rows", () => {
    const errors = errorsOf(
      strict.steps.client.safeParse({
        ...valid,
        authParams: [
          { key: "", value: "orphan" },
          { key: "bad name", value: "x" },
          { key: "prompt", value: "consent" },
          { key: "Prompt", value: "login" },
        ],
      }),
    );
    expect(errors["authParams.0.key"]).toBe("Enter the parameter name.");
    expect(errors["authParams.1.key"]).toMatch(/letters, digits/);
    expect(errors["authParams.3.key"]).toMatch(/already set/);
    const result = strict.steps.client.safeParse(valid);
    expect(result.success && result.data.authParams).toEqual([{ key: "prompt", value: "consent" }]);
  });

  it("bounds the number of parameters", () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ key: `p${i}`, value: "x" }));
    expect(errorsOf(strict.steps.client.safeParse({ ...valid, tokenParams: many })).tokenParams).toMatch(/at most 20/);
  });

  it("checks the resource indicator is an absolute URI without fragment (RFC 8707)", () => {
    expect(strict.steps.client.safeParse({ ...valid, resource: "api://payroll" }).success).toBe(true);
    expect(errorsOf(strict.steps.client.safeParse({ ...valid, resource: "payroll" })).resource).toMatch(/absolute URI/);
    expect(
      errorsOf(strict.steps.client.safeParse({ ...valid, resource: "https://api.example.com/#x" })).resource,
    ).toMatch(/fragment/);
  });
});
