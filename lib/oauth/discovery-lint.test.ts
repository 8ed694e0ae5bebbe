import { describe, expect, it } from "vitest";
import { lintConnection, type LintedConnection } from "@/lib/oauth/discovery-lint";
import { summarizeImportedDiscovery, type DiscoverySummary } from "@/lib/oauth/discovery-summary";

const connection: LintedConnection = {
  grantType: "authorization_code_pkce",
  pkceMethod: "S256",
  clientAuthMethod: "client_secret_basic",
  issuer: "https://id.example.com",
  authorizationUrl: "https://id.example.com/auth",
  tokenUrl: "https://id.example.com/token",
  userinfoUrl: null,
  revocationUrl: null,
  jwksUrl: null,
  scopes: ["openid", "offline_access"],
  autoRefresh: true,
};

const metadata: DiscoverySummary = {
  issuer: "https://id.example.com",
  authorization_endpoint: "https://id.example.com/auth",
  token_endpoint: "https://id.example.com/token",
  scopes_supported: ["openid", "email", "offline_access"],
  response_types_supported: ["code"],
  grant_types_supported: ["authorization_code", "refresh_token"],
  token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
  code_challenge_methods_supported: ["S256"],
};

const codes = (c: LintedConnection, m: DiscoverySummary | null = metadata) => lintConnection(c, m).map((w) => w.code);

describe("lintConnection", () => {
  it("finds nothing wrong with a matching connection", () => {
    expect(lintConnection(connection, metadata)).toEqual([]);
  });

  it("warns when the grant type is not supported", () => {
    expect(codes({ ...connection, grantType: "client_credentials" })).toContain("grant_type_unsupported");
  });

  it("warns when the client authentication method is not supported", () => {
    expect(codes(connection, { ...metadata, token_endpoint_auth_methods_supported: ["client_secret_post"] })).toContain(
      "client_auth_unsupported",
    );
  });

  it("flags a signed-assertion method the provider does not list, saying what it lists", () => {
    const [warning] = lintConnection(
      { ...connection, clientAuthMethod: "private_key_jwt" },
      { ...metadata, token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_jwt"] },
    ).filter((w) => w.code === "client_auth_unsupported");
    expect(warning?.message).toMatch(
      /^The provider does not list private_key_jwt among its client authentication methods \(token_endpoint_auth_methods_supported\): client_secret_basic, client_secret_jwt\./,
    );
  });

  it.each(["client_secret_basic", "client_secret_post", "client_secret_jwt"])(
    "suggests private_key_jwt where the provider lists it and the connection uses a secret (%s)",
    (clientAuthMethod) => {
      const listed = { ...metadata, token_endpoint_auth_methods_supported: [clientAuthMethod, "private_key_jwt"] };
      expect(lintConnection({ ...connection, clientAuthMethod }, listed)).toEqual([
        expect.objectContaining({ code: "private_key_jwt_available", field: "clientAuthMethod" }),
      ]);
    },
  );

  it("does not suggest private_key_jwt to a connection without a secret, or where the provider does not list it", () => {
    const listed = { ...metadata, token_endpoint_auth_methods_supported: ["none", "private_key_jwt"] };
    expect(codes({ ...connection, clientAuthMethod: "private_key_jwt" }, listed)).toEqual([]);
    expect(codes({ ...connection, clientAuthMethod: "none" }, listed)).toEqual([]);
    expect(codes(connection)).not.toContain("private_key_jwt_available");
  });

  it("treats an omitted auth method list as client_secret_basic only (RFC 8414 §2)", () => {
    const withoutList = { ...metadata, token_endpoint_auth_methods_supported: undefined };
    expect(codes(connection, withoutList)).not.toContain("client_auth_unsupported");
    expect(codes({ ...connection, clientAuthMethod: "client_secret_post" }, withoutList)).toContain(
      "client_auth_unsupported",
    );
  });

  it("warns about PKCE methods the provider does not list, or no PKCE advertised at all", () => {
    expect(codes({ ...connection, pkceMethod: "plain" })).toEqual(
      expect.arrayContaining(["pkce_plain", "pkce_method_unsupported"]),
    );
    const noPkce = { ...metadata, code_challenge_methods_supported: undefined };
    expect(codes(connection, noPkce)).toContain("pkce_not_advertised");
    expect(codes({ ...connection, grantType: "authorization_code" }, noPkce)).not.toContain("pkce_not_advertised");
  });

  it("warns about an issuer mismatch", () => {
    const warnings = lintConnection({ ...connection, issuer: "https://id.example.com/" }, metadata);
    expect(warnings.find((w) => w.code === "issuer_mismatch")?.message).toMatch(/ID tokens will not validate/);
  });

  it("warns about endpoints on another host, even without metadata", () => {
    const warnings = lintConnection({ ...connection, tokenUrl: "https://evil.example.net/token" }, null);
    expect(warnings).toEqual([expect.objectContaining({ code: "endpoint_host", field: "tokenUrl" })]);
  });

  it("ignores the hidden authorization URL of a client credentials connection", () => {
    const c = {
      ...connection,
      grantType: "client_credentials" as const,
      authorizationUrl: "https://other.example.net/auth",
    };
    expect(lintConnection(c, null)).toEqual([]);
  });

  it("warns when endpoints differ from the discovered ones", () => {
    expect(codes({ ...connection, tokenUrl: "https://id.example.com/oauth/token" })).toContain("endpoint_differs");
  });

  it("warns when refresh is wanted but the offline_access-style scope is missing", () => {
    expect(codes({ ...connection, scopes: ["openid"] })).toContain("refresh_scope_missing");
    expect(codes({ ...connection, scopes: ["openid"], autoRefresh: false })).not.toContain("refresh_scope_missing");
    expect(codes({ ...connection, scopes: ["openid"] }, { ...metadata, scopes_supported: ["openid"] })).not.toContain(
      "refresh_scope_missing",
    );
  });

  it("mentions scopes the provider does not advertise", () => {
    expect(
      lintConnection({ ...connection, scopes: ["openid", "offline_access", "api:write"] }, metadata).at(-1)?.message,
    ).toMatch(/api:write/);
  });

  it("notes a discovery redirect Handshake followed on the issuer's origin", () => {
    const hop =
      "https://id.example.com/.well-known/openid-configuration → https://id.example.com/.well-known/openid-configuration/ (301)";
    const warnings = lintConnection(connection, summarizeImportedDiscovery(metadata, [hop]));
    expect(warnings).toEqual([
      {
        code: "discovery_redirected",
        field: "issuer",
        message: `The discovery document moved on the issuer's origin and Handshake followed the redirect: ${hop}. Clients that do not follow redirects will not find the metadata; nothing to change on the connection.`,
      },
    ]);
  });

  it("keeps only the redirects Handshake followed, never a document's own claim of them", () => {
    const imported = summarizeImportedDiscovery({ ...metadata, followed_redirects: ["claimed"] }, undefined);
    expect(imported).toEqual(metadata);
    expect(codes(connection, imported)).not.toContain("discovery_redirected");
  });
});

describe("lintConnection: request security (RFC 9126, RFC 9101)", () => {
  const lint = (c: Partial<LintedConnection>, m: Partial<DiscoverySummary>) =>
    lintConnection({ ...connection, ...c }, { ...metadata, ...m });

  it("says when the provider offers PAR, and when it requires it (refused with PAR Off)", () => {
    const par = { pushed_authorization_request_endpoint: "https://id.example.com/par" };
    expect(lint({ parMode: "OFF" }, par).find((w) => w.code === "par_offered")?.message).toContain(
      "https://id.example.com/par",
    );
    expect(lint({ parMode: "WHEN_REQUIRED" }, par).map((w) => w.code)).not.toContain("par_offered");
    const required = lint(
      { parMode: "OFF" },
      {
        pushed_authorization_request_endpoint: "https://id.example.com/par",
        require_pushed_authorization_requests: true,
      },
    );
    expect(required.find((w) => w.code === "par_required")?.message).toMatch(/PAR is Off: it will refuse the sign-in/);
    expect(required.map((w) => w.code)).not.toContain("par_offered");
  });

  it("says when the provider requires signed request objects, and that a key is missing", () => {
    const required = lint({ useJar: false }, { require_signed_request_object: true });
    expect(required.find((w) => w.code === "jar_required")?.message).toContain("choose private_key_jwt");
    const withKey = lint({ clientAuthMethod: "private_key_jwt" }, { require_signed_request_object: true });
    expect(withKey.find((w) => w.code === "jar_required")?.message).not.toContain("choose private_key_jwt");
  });

  it("says nothing about PAR or JAR for client credentials", () => {
    const codes = lint(
      { grantType: "client_credentials" },
      { require_pushed_authorization_requests: true, require_signed_request_object: true },
    ).map((w) => w.code);
    expect(codes).not.toContain("par_required");
    expect(codes).not.toContain("jar_required");
  });

  it("warns when DPoP is on and the provider lists no DPoP algorithms, for every grant", () => {
    for (const grantType of ["client_credentials", "authorization_code_pkce"] as const) {
      const warned = lint({ grantType, useDpop: true }, {});
      expect(warned.find((w) => w.code === "dpop_not_advertised")?.message).toContain(
        "no dpop_signing_alg_values_supported",
      );
    }
    const advertised = { dpop_signing_alg_values_supported: ["ES256"] };
    expect(lint({ useDpop: true }, advertised).map((w) => w.code)).not.toContain("dpop_not_advertised");
    expect(lint({ useDpop: false }, {}).map((w) => w.code)).not.toContain("dpop_not_advertised");
  });
});
