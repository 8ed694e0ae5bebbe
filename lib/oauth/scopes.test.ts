import { describe, expect, it } from "vitest";
import { mergeScopes, scopeTokenProblem, splitScopeInput } from "@/lib/oauth/scopes";

describe("splitScopeInput", () => {
  it("splits on commas, spaces, tabs and newlines", () => {
    expect(splitScopeInput("openid, profile email\tapi:read\noffline_access")).toEqual([
      "openid",
      "profile",
      "email",
      "api:read",
      "offline_access",
    ]);
  });

  it("ignores empty pieces", () => {
    expect(splitScopeInput(" ,, openid ,  ")).toEqual(["openid"]);
    expect(splitScopeInput("")).toEqual([]);
  });
});

describe("mergeScopes", () => {
  it("removes duplicates and keeps the first position", () => {
    expect(mergeScopes(["openid", "email"], ["email", "profile", "openid"])).toEqual(["openid", "email", "profile"]);
  });

  it("treats scopes as case-sensitive (RFC 6749 §3.3)", () => {
    expect(mergeScopes(["Read"], ["read"])).toEqual(["Read", "read"]);
  });
});

describe("scopeTokenProblem", () => {
  it("accepts RFC 6749 scope tokens", () => {
    for (const scope of [
      "openid",
      "api:read",
      "https://graph.microsoft.com/.default",
      "user.read",
      "a!#$%&'()*+-./:;<=>?@[]^_`{|}~",
    ]) {
      expect(scopeTokenProblem(scope)).toBeUndefined();
    }
  });

  it("refuses double quotes and backslashes", () => {
    expect(scopeTokenProblem('say"hi')).toMatch(/quotes or backslashes/);
    expect(scopeTokenProblem("back\\slash")).toMatch(/quotes or backslashes/);
  });

  it("refuses spaces, control and non-ASCII characters", () => {
    expect(scopeTokenProblem("two words")).toMatch(/printable ASCII/);
    expect(scopeTokenProblem("tab\there")).toMatch(/printable ASCII/);
    expect(scopeTokenProblem("café")).toMatch(/printable ASCII/);
  });

  it("refuses empty and overlong scopes", () => {
    expect(scopeTokenProblem("")).toMatch(/empty/);
    expect(scopeTokenProblem("x".repeat(201))).toMatch(/at most 200/);
  });
});
