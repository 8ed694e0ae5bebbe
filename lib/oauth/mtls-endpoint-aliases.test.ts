import { describe, expect, it } from "vitest";
import { mtlsEndpointAliases } from "@/lib/oauth/mtls-endpoint-aliases";

const discovered = {
  issuer: "https://as.example",
  token_endpoint: "https://as.example/token",
  userinfo_endpoint: "https://as.example/me",
  mtls_endpoint_aliases: {
    token_endpoint: "https://mtls.as.example/token",
    userinfo_endpoint: "https://mtls.as.example/me",
  },
};

describe("mtls_endpoint_aliases (RFC 8705 §5)", () => {
  it("sends a certificate-presenting client to the aliases", () => {
    expect(mtlsEndpointAliases(discovered, {})).toEqual(discovered.mtls_endpoint_aliases);
  });

  it("keeps the alias for an endpoint typed as discovered (the connection was imported from discovery)", () => {
    expect(mtlsEndpointAliases(discovered, { token_endpoint: "https://as.example/token" }).token_endpoint).toBe(
      "https://mtls.as.example/token",
    );
  });

  it("lets an endpoint typed otherwise win", () => {
    const aliases = mtlsEndpointAliases(discovered, { token_endpoint: "https://other.example/token" });
    expect(aliases).toEqual({ userinfo_endpoint: "https://mtls.as.example/me" });
  });
});
