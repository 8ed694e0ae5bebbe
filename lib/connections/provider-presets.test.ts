import { describe, expect, it } from "vitest";
import {
  findProviderPreset,
  placeholderProblem,
  resolvePresetEndpoints,
  substitutePlaceholders,
} from "@/lib/connections/provider-presets";
import { PROVIDER_PRESETS } from "@/lib/connections/provider-preset-catalogue";
import { urlProblem } from "@/lib/schemas/connection-values";

const preset = (id: string) => {
  const found = findProviderPreset(id);
  if (!found) throw new Error(`no preset ${id}`);
  return found;
};

describe("provider presets", () => {
  it("offers Custom and the nine named providers", () => {
    expect(PROVIDER_PRESETS.map((p) => p.label)).toEqual([
      "Custom",
      "Microsoft Entra ID",
      "Google",
      "Salesforce",
      "ServiceNow",
      "Okta",
      "Auth0",
      "Keycloak",
      "GitHub",
      "Genesys Cloud",
    ]);
  });

  it("substitutes a tenant into Microsoft Entra ID endpoints", () => {
    const endpoints = resolvePresetEndpoints(preset("microsoft-entra-id"), { tenant: "contoso.onmicrosoft.com" });
    expect(endpoints?.issuer).toBe("https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0");
    expect(endpoints?.tokenUrl).toBe("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
  });

  it("substitutes two placeholders (Keycloak host and realm)", () => {
    const endpoints = resolvePresetEndpoints(preset("keycloak"), { host: "sso.example.com", realm: "acme" });
    expect(endpoints?.authorizationUrl).toBe("https://sso.example.com/realms/acme/protocol/openid-connect/auth");
    expect(endpoints?.issuer).toBe("https://sso.example.com/realms/acme");
  });

  it("substitutes ServiceNow instance and Genesys Cloud region", () => {
    expect(resolvePresetEndpoints(preset("servicenow"), { instance: "acme" })?.tokenUrl).toBe(
      "https://acme.service-now.com/oauth_token.do",
    );
    expect(resolvePresetEndpoints(preset("genesys-cloud"), { region: "mypurecloud.ie" })?.tokenUrl).toBe(
      "https://login.mypurecloud.ie/oauth/token",
    );
  });

  it("trims values before substituting", () => {
    expect(substitutePlaceholders("https://{domain}/x", preset("okta"), { domain: "  dev-1.okta.com " })).toBe(
      "https://dev-1.okta.com/x",
    );
  });

  it("returns nothing while a placeholder is missing or unsafe", () => {
    expect(resolvePresetEndpoints(preset("okta"), {})).toBeUndefined();
    expect(resolvePresetEndpoints(preset("okta"), { domain: "evil.com/path?x=" })).toBeUndefined();
    expect(resolvePresetEndpoints(preset("keycloak"), { host: "sso.example.com", realm: "../admin" })).toBeUndefined();
    expect(resolvePresetEndpoints(preset("servicenow"), { instance: "acme.evil.com" })).toBeUndefined();
  });

  it("accepts only listed Genesys Cloud regions", () => {
    const region = preset("genesys-cloud").placeholders[0]!;
    expect(placeholderProblem(region, "mypurecloud.com")).toBeUndefined();
    expect(placeholderProblem(region, "example.com")).toBe("Choose your region.");
  });

  it("explains a missing value", () => {
    expect(placeholderProblem(preset("salesforce").placeholders[0]!, "")).toBe("My Domain is required.");
  });

  it("produces valid https endpoints for every preset with example values", () => {
    for (const p of PROVIDER_PRESETS) {
      const params = Object.fromEntries(p.placeholders.map((ph) => [ph.key, ph.options?.[0]?.value ?? ph.example]));
      const endpoints = resolvePresetEndpoints(p, params);
      expect(endpoints, p.id).toBeDefined();
      for (const value of Object.values(endpoints ?? {}))
        expect(urlProblem(value, false), `${p.id} ${value}`).toBeUndefined();
    }
  });
});
