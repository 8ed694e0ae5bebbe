import { describe, expect, it } from "vitest";
import { diffFields } from "@/lib/audit/diff";
import { redactForAudit } from "@/lib/audit/redact";

describe("diffFields", () => {
  it("lists changed fields with old and new values, secrets only as changed", () => {
    const diff = diffFields(
      { name: "a", scopes: ["x"], clientSecret: "old-secret", same: 1 },
      { name: "b", scopes: ["x", "y"], clientSecret: "new-secret", same: 1 },
      { secretFields: ["clientSecret"] },
    );
    expect(diff).toEqual({
      name: { from: "a", to: "b" },
      scopes: { from: ["x"], to: ["x", "y"] },
      clientSecret: { changed: true, secret: true },
    });
    expect(JSON.stringify(diff)).not.toContain("secret-");
  });
});

describe("redactForAudit", () => {
  it("removes values under secret-looking keys at any depth", () => {
    const out = redactForAudit({
      a: { client_secret: "zzz", refresh_token: "rrr", scope: "openid" },
      list: [{ password: "p" }],
    });
    expect(JSON.stringify(out)).not.toMatch(/zzz|rrr|"p"/);
    expect(JSON.stringify(out)).toContain("openid");
  });
});
