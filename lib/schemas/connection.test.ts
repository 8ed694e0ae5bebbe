/** The connection form's schemas per wizard step (the client step: connection-client-step.test.ts), merge and helpers. */
import { describe, expect, it } from "vitest";
import { changedFields, fieldsToTakeFromTheirs, stepOfField } from "@/lib/schemas/connection";
import { urlProblem } from "@/lib/schemas/connection-values";
import { errorsOf, local, strict, valid } from "@/lib/testing/connection-schema-values";

describe("connection settings step", () => {
  it("accepts a name of 3 to 64 characters and trims it", () => {
    const result = strict.steps.settings.safeParse({ ...valid, name: "  abc  " });
    expect(result.success && result.data.name).toBe("abc");
  });

  it("refuses names that are too short, too long or hold line breaks", () => {
    expect(errorsOf(strict.steps.settings.safeParse({ ...valid, name: "ab" })).name).toMatch(/at least 3/);
    expect(errorsOf(strict.steps.settings.safeParse({ ...valid, name: "x".repeat(65) })).name).toMatch(/at most 64/);
    expect(errorsOf(strict.steps.settings.safeParse({ ...valid, name: "two\nlines" })).name).toMatch(/line breaks/);
  });

  it("bounds the description and stores an empty one as null", () => {
    expect(errorsOf(strict.steps.settings.safeParse({ ...valid, description: "x".repeat(501) })).description).toMatch(
      /at most 500/,
    );
    const result = strict.steps.settings.safeParse({ ...valid, description: "   " });
    expect(result.success && result.data.description).toBeNull();
  });

  it("asks for the placeholders of a preset and drops unknown ones", () => {
    expect(
      errorsOf(strict.steps.settings.safeParse({ ...valid, providerType: "okta", providerParams: {} }))[
        "providerParams.domain"
      ],
    ).toBe("Okta domain is required.");
    const result = strict.steps.settings.safeParse({
      ...valid,
      providerType: "okta",
      providerParams: { domain: "dev-1.okta.com", extra: "x" },
    });
    expect(result.success && result.data.providerParams).toEqual({ domain: "dev-1.okta.com" });
  });

  it("refuses an unknown provider type", () => {
    expect(errorsOf(strict.steps.settings.safeParse({ ...valid, providerType: "nope" })).providerType).toBe(
      "Choose a provider type.",
    );
  });
});

describe("grant type step", () => {
  it("accepts the three grant types and both PKCE methods", () => {
    for (const grantType of ["client_credentials", "authorization_code", "authorization_code_pkce"]) {
      expect(strict.steps.grant.safeParse({ grantType, pkceMethod: "plain" }).success).toBe(true);
    }
  });

  it("refuses anything else", () => {
    expect(errorsOf(strict.steps.grant.safeParse({ grantType: "password", pkceMethod: "S256" })).grantType).toBe(
      "Choose a grant type.",
    );
    expect(
      errorsOf(strict.steps.grant.safeParse({ grantType: "authorization_code_pkce", pkceMethod: "S512" })).pkceMethod,
    ).toBeDefined();
  });
});

describe("endpoints step", () => {
  it("accepts https URLs and turns empty optional ones into null", () => {
    const result = strict.steps.endpoints.safeParse(valid);
    expect(result.success && result.data.userinfoUrl).toBeNull();
  });

  it("requires the token URL, and the authorization URL for code flows only", () => {
    const errors = errorsOf(strict.steps.endpoints.safeParse({ ...valid, tokenUrl: "", authorizationUrl: "" }));
    expect(errors.tokenUrl).toBe("Enter the token URL.");
    expect(errors.authorizationUrl).toBe("Enter the authorization URL.");
    const cc = strict.steps.endpoints.safeParse({
      ...valid,
      grantType: "client_credentials",
      authorizationUrl: "not a url",
    });
    expect(cc.success && cc.data.authorizationUrl).toBeNull();
  });

  it("refuses relative, non-http, credential-bearing and fragment URLs", () => {
    const errors = errorsOf(
      strict.steps.endpoints.safeParse({
        ...valid,
        tokenUrl: "/token",
        userinfoUrl: "ftp://example.com/userinfo",
        revocationUrl: "https://user:pw@example.com/revoke",
        jwksUrl: "https://example.com/jwks#keys",
        issuer: "javascript:alert(1)",
      }),
    );
    expect(errors.tokenUrl).toMatch(/absolute URL/);
    expect(errors.userinfoUrl).toMatch(/https:\/\//);
    expect(errors.revocationUrl).toMatch(/user name and password/);
    expect(errors.jwksUrl).toMatch(/fragment/);
    expect(errors.issuer).toMatch(/absolute URL/);
  });

  it("allows plain http only when OUTBOUND_ALLOW_HTTP is on", () => {
    const http = { ...valid, tokenUrl: "http://127.0.0.1:4000/token", authorizationUrl: "http://127.0.0.1:4000/auth" };
    expect(errorsOf(strict.steps.endpoints.safeParse(http)).tokenUrl).toMatch(/OUTBOUND_ALLOW_HTTP/);
    expect(errorsOf(strict.steps.endpoints.safeParse(http)).authorizationUrl).toMatch(/OUTBOUND_ALLOW_HTTP/);
    expect(local.steps.endpoints.safeParse(http).success).toBe(true);
  });

  it("bounds URL length", () => {
    expect(
      errorsOf(strict.steps.endpoints.safeParse({ ...valid, tokenUrl: `https://e.com/${"a".repeat(2048)}` })).tokenUrl,
    ).toMatch(/2048/);
  });

  it("keeps a discovery summary of the right shape only", () => {
    expect(
      strict.steps.endpoints.safeParse({ ...valid, discoveryMetadata: { issuer: "https://login.example.com" } })
        .success,
    ).toBe(true);
    expect(
      strict.steps.endpoints.safeParse({ ...valid, discoveryMetadata: { scopes_supported: "openid" } }).success,
    ).toBe(false);
  });
});

describe("tokens step", () => {
  const tokenStepError = (field: "defaultTokenLifetime" | "refreshMarginSeconds", value: number) =>
    errorsOf(strict.steps.tokens.safeParse({ ...valid, [field]: value }))[field];

  it.each([
    ["defaultTokenLifetime", 59, /at least 60/],
    ["defaultTokenLifetime", 31_536_001, /one year/],
    ["defaultTokenLifetime", Number.NaN, /number of seconds/],
    ["defaultTokenLifetime", 90.5, /whole seconds/],
    ["refreshMarginSeconds", -1, /0 seconds or more/],
    ["refreshMarginSeconds", 86_401, /one day/],
    ["refreshMarginSeconds", Number.NaN, /number of seconds/],
    ["refreshMarginSeconds", 30.5, /whole seconds/],
  ] as const)("bounds %s: refuses %s", (field, value, message) => {
    expect(tokenStepError(field, value)).toMatch(message);
  });

  it("takes a refresh margin of 0", () => {
    expect(strict.steps.tokens.safeParse({ ...valid, refreshMarginSeconds: 0 }).success).toBe(true);
  });

  it("keeps client credentials tokens shared", () => {
    expect(
      errorsOf(strict.steps.tokens.safeParse({ ...valid, grantType: "client_credentials", tokenSharing: "PER_USER" }))
        .tokenSharing,
    ).toMatch(/always shared/);
    expect(strict.steps.tokens.safeParse({ ...valid, tokenSharing: "PER_USER" }).success).toBe(true);
  });
});

describe("full schema", () => {
  it("accepts a complete connection and normalizes it", () => {
    const result = strict.full.safeParse(valid);
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.data).toMatchObject({
      name: "Payroll API",
      description: "Nightly sync",
      scopes: ["openid", "email"],
      userinfoUrl: null,
    });
  });

  it("reports the errors of every step at once", () => {
    const errors = errorsOf(
      strict.full.safeParse({
        ...valid,
        name: "x",
        tokenUrl: "",
        clientSecret: "",
        tokenSharing: "PER_USER",
        grantType: "client_credentials",
      }),
    );
    expect(Object.keys(errors).sort()).toEqual(["clientSecret", "name", "tokenSharing", "tokenUrl"]);
  });

  it("refuses values of the wrong type without throwing", () => {
    expect(strict.full.safeParse({ ...valid, scopes: "openid" }).success).toBe(false);
    expect(strict.full.safeParse(null).success).toBe(false);
  });
});

describe("helpers", () => {
  it("maps a field path to its step", () => {
    expect(stepOfField("name")).toBe("settings");
    expect(stepOfField("authParams.2.key")).toBe("client");
    expect(stepOfField("defaultTokenLifetime")).toBe("tokens");
    expect(stepOfField("unknown")).toBeUndefined();
  });

  it("explains URL problems", () => {
    expect(urlProblem("https://example.com/token", false)).toBeUndefined();
    expect(urlProblem("https:example.com", false)).toMatch(/absolute URL/);
  });
});

describe("conflict merge", () => {
  it("takes their changes where this form kept the loaded value, and keeps mine elsewhere", () => {
    const baseline = { ...valid, tokenUrl: "https://a.example.com/token", clientId: "loaded", scopes: ["openid"] };
    const mine = { ...baseline, clientId: "mine", clientSecret: "typed" };
    const theirs = {
      ...baseline,
      tokenUrl: "https://b.example.com/token",
      clientId: "theirs",
      scopes: ["openid", "email"],
    };
    expect(changedFields(baseline, theirs)).toEqual(["tokenUrl", "clientId", "scopes"]);
    expect(fieldsToTakeFromTheirs(baseline, mine, theirs)).toEqual(["tokenUrl", "scopes"]);
  });
});

describe("hidden fields", () => {
  it("ignores and drops authorization parameters of a client credentials connection", () => {
    const cc = { ...valid, grantType: "client_credentials" as const, authParams: [{ key: "state", value: "x" }] };
    const result = strict.steps.client.safeParse(cc);
    expect(result.success && result.data.authParams).toEqual([]);
  });
});
