import { describe, expect, it } from "vitest";
import { AUTHENTICATING_CLIENT_AUTH_METHODS } from "@/lib/testing/client-auth-methods";
import { clientAuthMethodsFor, tokenSharingFor, usesCallbackUrl, valuesForGrant } from "@/lib/connections/grant-fields";

describe("grant fields", () => {
  it("offers a public client (none) only with PKCE, per-user tokens and a callback only where a user signs in", () => {
    expect(clientAuthMethodsFor("client_credentials")).toEqual(AUTHENTICATING_CLIENT_AUTH_METHODS);
    expect(clientAuthMethodsFor("authorization_code")).toEqual(AUTHENTICATING_CLIENT_AUTH_METHODS);
    expect(clientAuthMethodsFor("authorization_code_pkce")).toEqual([...AUTHENTICATING_CLIENT_AUTH_METHODS, "none"]);
    expect(tokenSharingFor("client_credentials")).toEqual(["SHARED"]);
    expect(tokenSharingFor("authorization_code")).toEqual(["SHARED", "PER_USER"]);
    expect(usesCallbackUrl("client_credentials")).toBe(false);
    expect(usesCallbackUrl("authorization_code_pkce")).toBe(true);
  });

  it("replaces choices the new grant does not offer and gives them back on the way back", () => {
    const toClientCredentials = valuesForGrant(
      { clientAuthMethod: "none", tokenSharing: "PER_USER" },
      "client_credentials",
      {},
    );
    expect(toClientCredentials).toEqual({
      changes: { clientAuthMethod: "client_secret_basic", tokenSharing: "SHARED" },
      displaced: { clientAuthMethod: "none", tokenSharing: "PER_USER" },
    });
    const back = valuesForGrant(
      { clientAuthMethod: "client_secret_basic", tokenSharing: "SHARED" },
      "authorization_code_pkce",
      toClientCredentials.displaced,
    );
    expect(back).toEqual({ changes: { clientAuthMethod: "none", tokenSharing: "PER_USER" }, displaced: {} });
  });

  it("keeps a displaced choice until a grant offers it again", () => {
    const step = valuesForGrant(
      { clientAuthMethod: "client_secret_basic", tokenSharing: "SHARED" },
      "authorization_code",
      { clientAuthMethod: "none" },
    );
    expect(step).toEqual({ changes: {}, displaced: { clientAuthMethod: "none" } });
  });

  it("changes nothing that still applies", () => {
    expect(
      valuesForGrant({ clientAuthMethod: "client_secret_post", tokenSharing: "SHARED" }, "client_credentials", {}),
    ).toEqual({ changes: {}, displaced: {} });
  });
});
