import { describe, expect, it } from "vitest";
import { outcomeHeadline } from "@/components/connections/outcome-headline";
import type { TestResultSummary } from "@/lib/connection-tests/test-result";
import type { TraceStep } from "@/lib/oauth/trace";

function result(overrides: Partial<TestResultSummary> = {}): TestResultSummary {
  return { purpose: "TEST", grantType: "client_credentials", warnings: [], notes: [], ...overrides };
}

function step(title: string, status: TraceStep["status"], httpStatus?: number): TraceStep {
  return {
    name: "token_request",
    title,
    status,
    startedAtMs: 0,
    durationMs: 0,
    details: {},
    notes: [],
    http:
      httpStatus === undefined
        ? []
        : [{ method: "POST", url: "https://idp.example/token", requestHeaders: {}, status: httpStatus, durationMs: 1 }],
  };
}

const scopes = (requested: string[], granted: string[], grantedReported = true) => ({
  requested,
  granted,
  grantedReported,
  missing: requested.filter((s) => !granted.includes(s)),
  extra: [],
});

describe("outcomeHeadline", () => {
  it("promises the scopes only when they were compared and all granted", () => {
    expect(outcomeHeadline("Success", result({ scopes: scopes(["api:read"], ["api:read"]) }), [])).toBe(
      "The flow worked end to end and the token has the scopes that were asked for.",
    );
    expect(outcomeHeadline("Success", result({ scopes: scopes([], []) }), [])).toBe("The flow worked end to end.");
    expect(outcomeHeadline("Success", result(), [])).toBe("The flow worked end to end.");
  });

  it("never says the token has the scopes when one is missing", () => {
    const headline = outcomeHeadline(
      "Success",
      result({ scopes: scopes(["openid", "offline_access"], ["openid"]) }),
      [],
    );
    expect(headline).not.toContain("has the scopes");
    expect(headline).toContain("did not grant offline_access");
  });

  it("says unlisted granted scopes mean the requested ones, not that they were seen", () => {
    expect(outcomeHeadline("Success", result({ scopes: scopes(["api:read"], ["api:read"], false) }), [])).toContain(
      "did not list the granted scopes",
    );
  });

  it("names the step that failed, also a request refused behind an old 'ok' status", () => {
    const trace = [
      step("Discovery", "ok", 200),
      step("Token request (client credentials)", "ok", 401),
      step("Token response", "failed"),
    ];
    expect(outcomeHeadline("Failed", result(), trace)).toBe(
      "The flow did not complete: the step “Token request (client credentials)” failed. The diagnosis says why and what to change.",
    );
    expect(outcomeHeadline("Failed", result(), [])).toBe(
      "The flow did not complete. The diagnosis says why and what to change.",
    );
  });

  it("counts the warnings it points to", () => {
    expect(outcomeHeadline("Warning", result({ warnings: ["a", "b"] }), [])).toContain("see the 2 warnings");
  });
});
