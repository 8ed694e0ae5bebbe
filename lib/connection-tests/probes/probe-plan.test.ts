import { describe, expect, it } from "vitest";
import { changeFor, describeChange, planProbes } from "@/lib/connection-tests/probes/probe-plan";

const plan = (
  method: "private_key_jwt" | "client_secret_jwt",
  audience: "issuer" | "token_endpoint",
  audiencesDiffer: boolean,
) =>
  planProbes({
    current: { method, audience },
    encodingsDiffer: true,
    audiencesDiffer,
    configuredScopes: [],
    scopeProbes: false,
  }).map((v) => v.auth);

describe("the probes of a signed assertion", () => {
  it.each(["private_key_jwt", "client_secret_jwt"] as const)(
    "%s tries the other audience form, and no secret method",
    (method) => {
      expect(plan(method, "issuer", true)).toEqual([{ method, audience: "token_endpoint" }]);
      expect(plan(method, "token_endpoint", true)).toEqual([{ method, audience: "issuer" }]);
    },
  );

  it("does not send the same request again when both forms are one URL (no issuer known)", () => {
    expect(plan("private_key_jwt", "issuer", false)).toEqual([]);
  });

  it("suggests setting the audience the probe got a token with", () => {
    const change = changeFor(
      { auth: { method: "private_key_jwt", audience: "token_endpoint" }, label: "" },
      { method: "private_key_jwt", audience: "issuer" },
    );
    expect(change).toEqual({ clientAssertionAudience: "token_endpoint" });
    expect(describeChange(change)).toEqual({
      finding: "The provider accepts these credentials with the token endpoint URL as the assertion's audience",
      action: "set Assertion audience to the token endpoint URL",
    });
  });
});
