import { describe, expect, it } from "vitest";
import { displayStatusOf } from "@/lib/connections/display-status";

const NOW = Date.parse("2026-12-01T10:00:00Z");

describe("displayStatusOf", () => {
  it("reads Healthy only while the stored token is still valid", () => {
    expect(
      displayStatusOf(
        {
          status: "ACTIVE",
          health: "HEALTHY",
          grantType: "authorization_code",
          tokenExpiresAt: "2026-12-01T10:05:00Z",
        },
        NOW,
      ),
    ).toBe("HEALTHY");
    expect(
      displayStatusOf(
        {
          status: "ACTIVE",
          health: "HEALTHY",
          grantType: "authorization_code",
          tokenExpiresAt: "2026-12-01T09:55:00Z",
        },
        NOW,
      ),
    ).toBe("TOKEN_EXPIRED");
    expect(
      displayStatusOf(
        { status: "ACTIVE", health: "HEALTHY", grantType: "authorization_code", tokenExpiresAt: null },
        NOW,
      ),
    ).toBe("HEALTHY");
  });

  it("never reads an expired cached client-credentials token as a problem: the next request fetches a new one", () => {
    expect(
      displayStatusOf(
        {
          status: "ACTIVE",
          health: "HEALTHY",
          grantType: "client_credentials",
          tokenExpiresAt: "2026-12-01T09:55:00Z",
        },
        NOW,
      ),
    ).toBe("HEALTHY");
    expect(
      displayStatusOf(
        {
          status: "ACTIVE",
          health: "FAILING",
          grantType: "client_credentials",
          tokenExpiresAt: "2026-12-01T09:55:00Z",
        },
        NOW,
      ),
    ).toBe("FAILING");
  });

  it("keeps Failing, Not tested and Draft whatever the token says", () => {
    expect(
      displayStatusOf(
        {
          status: "ACTIVE",
          health: "FAILING",
          grantType: "authorization_code",
          tokenExpiresAt: "2026-12-01T09:00:00Z",
        },
        NOW,
      ),
    ).toBe("FAILING");
    expect(
      displayStatusOf(
        { status: "ACTIVE", health: "NOT_TESTED", grantType: "authorization_code", tokenExpiresAt: null },
        NOW,
      ),
    ).toBe("NOT_TESTED");
    expect(
      displayStatusOf(
        { status: "DRAFT", health: "HEALTHY", grantType: "authorization_code", tokenExpiresAt: "2026-12-01T09:00:00Z" },
        NOW,
      ),
    ).toBe("DRAFT");
  });
});
