import { describe, expect, it } from "vitest";
import { displayStatusOf } from "@/lib/connections/display-status";

const NOW = Date.parse("2026-12-01T10:00:00Z");

describe("displayStatusOf", () => {
  it("reads Healthy only while the stored token is still valid", () => {
    expect(displayStatusOf({ status: "ACTIVE", health: "HEALTHY", tokenExpiresAt: "2026-12-01T10:05:00Z" }, NOW)).toBe("HEALTHY");
    expect(displayStatusOf({ status: "ACTIVE", health: "HEALTHY", tokenExpiresAt: "2026-12-01T09:55:00Z" }, NOW)).toBe("TOKEN_EXPIRED");
    expect(displayStatusOf({ status: "ACTIVE", health: "HEALTHY", tokenExpiresAt: null }, NOW)).toBe("HEALTHY");
  });

  it("keeps Failing, Not tested and Draft whatever the token says", () => {
    expect(displayStatusOf({ status: "ACTIVE", health: "FAILING", tokenExpiresAt: "2026-12-01T09:00:00Z" }, NOW)).toBe("FAILING");
    expect(displayStatusOf({ status: "ACTIVE", health: "NOT_TESTED", tokenExpiresAt: null }, NOW)).toBe("NOT_TESTED");
    expect(displayStatusOf({ status: "DRAFT", health: "HEALTHY", tokenExpiresAt: "2026-12-01T09:00:00Z" }, NOW)).toBe("DRAFT");
  });
});
