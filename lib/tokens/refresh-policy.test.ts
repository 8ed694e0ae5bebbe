/**
 * The refresh policy on its own, at chosen instants: margins and min_valid_seconds are capped at
 * half the token's lifetime, a young token is never replaced while valid, an expired one always is.
 */
import { describe, expect, it } from "vitest";
import { backgroundRetryDelaySeconds, needsRefresh, shortLivedWarning } from "@/lib/tokens/refresh-policy";

const T0 = Date.parse("2026-12-05T06:00:00.000Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000);
/** A token issued at T0 that lives `lifetime` seconds. */
const token = (lifetime: number, refreshed = false) => ({
  accessTokenEncrypted: "sealed",
  obtainedAt: refreshed ? at(-86_400) : at(0),
  refreshedAt: refreshed ? at(0) : null,
  expiresAt: at(lifetime),
});
const margin = (refreshMarginSeconds: number) => ({ refreshMarginSeconds });
const due = (lifetime: number, marginSeconds: number, minValid: number, ageSeconds: number, refreshed = false) =>
  needsRefresh(token(lifetime, refreshed), margin(marginSeconds), minValid, T0 + ageSeconds * 1000);

describe("needsRefresh", () => {
  it("replaces a token inside its margin, and one shorter than min_valid_seconds asks", () => {
    expect(due(3600, 300, 0, 3200)).toBe(false);
    expect(due(3600, 300, 0, 3301)).toBe(true);
    expect(due(3600, 300, 900, 2701)).toBe(true);
    expect(due(3600, 300, 900, 2699)).toBe(false);
  });

  it("caps the margin and min_valid_seconds at half the token's lifetime, timed from its last refresh", () => {
    // Five-minute tokens under the default five-minute margin: replaced after 150 s, not at once.
    expect(due(300, 300, 0, 11)).toBe(false);
    expect(due(300, 300, 0, 149)).toBe(false);
    expect(due(300, 300, 0, 151)).toBe(true);
    expect(due(600, 300, 7200, 299, true)).toBe(false);
    expect(due(600, 300, 7200, 301, true)).toBe(true);
  });

  it("never replaces a still-valid token younger than the minimum age, and always an expired or missing one", () => {
    expect(due(12, 300, 0, 9)).toBe(false);
    expect(due(12, 300, 0, 10)).toBe(true);
    expect(due(5, 300, 0, 5)).toBe(true);
    expect(needsRefresh({ ...token(3600), accessTokenEncrypted: "" }, margin(300), 0, T0)).toBe(true);
    expect(needsRefresh({ ...token(3600), expiresAt: null }, margin(300), 86_400, T0 + 86_400_000)).toBe(false);
  });
});

describe("shortLivedWarning", () => {
  it("says when the token served is valid for less than min_valid_seconds, and how long it was issued for", () => {
    expect(shortLivedWarning(token(600), 7200, T0 + 100_000)).toBe(
      '199 handshake "The token is valid for 500 s, less than the 7200 s asked (min_valid_seconds): it was issued for 600 s, and a token is replaced only once half its lifetime has passed"',
    );
    expect(shortLivedWarning(token(600), 500, T0 + 100_000)).toBeNull();
    expect(shortLivedWarning(token(600), 0, T0)).toBeNull();
  });
});

describe("the background refresher's spread", () => {
  it("renews a fleet issued together over half a lifetime, once per lifetime at most, before each expires", async () => {
    const { simulateRefreshSchedule } = await import("@/lib/tokens/refresh-schedule");
    const { perMinute, shortestGapSeconds, leastLeftSeconds } = simulateRefreshSchedule({
      sets: 2_000,
      lifetimeSeconds: 3_600,
      marginSeconds: 300,
      scanSeconds: 60,
      minutes: 6 * 60,
    });
    const first = perMinute.findIndex((n) => n > 0);
    const active = perMinute.slice(first);
    const mean = active.reduce((a, b) => a + b, 0) / active.length;
    expect(Math.max(...active)).toBeLessThanOrEqual(3 * mean);
    // Never before half the lifetime has passed, and always with the margin still left.
    expect(shortestGapSeconds).toBeGreaterThanOrEqual(1_800);
    expect(leastLeftSeconds).toBeGreaterThanOrEqual(300);
  });

  it("places each token at the same point in every process, and a set's next token elsewhere", async () => {
    const { spreadPosition, backgroundLeadSeconds } = await import("@/lib/tokens/refresh-policy");
    expect(spreadPosition("abc", T0)).toBe(spreadPosition("abc", T0));
    expect(spreadPosition("abc", T0 + 1)).not.toBe(spreadPosition("abc", T0));
    const positions = Array.from({ length: 1_000 }, (_, i) => spreadPosition(`set-${i}`, T0));
    expect(Math.min(...positions)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...positions)).toBeLessThan(1);
    // A token without expiry has no lifetime to spread over: the margin and one scan.
    const lead = backgroundLeadSeconds(
      { id: "x", expiresAt: null, obtainedAt: at(0), refreshedAt: null },
      margin(300),
      60,
    );
    expect(lead).toBe(360);
  });
});

describe("backgroundRetryDelaySeconds", () => {
  it("doubles the cool-down with each failure in a row, up to half an hour", () => {
    expect([1, 2, 3, 4, 6, 7, 50].map((failures) => backgroundRetryDelaySeconds(failures, 30))).toEqual([
      30, 60, 120, 240, 960, 1800, 1800,
    ]);
    // A day of outage: about 50 attempts, not one per 30 s cool-down (2,880).
    let elapsed = 0;
    let attempts = 0;
    while (elapsed < 86_400) elapsed += backgroundRetryDelaySeconds(++attempts, 30);
    expect(attempts).toBeLessThan(60);
  });

  it("never waits less than a cool-down set longer than the cap", () => {
    expect(backgroundRetryDelaySeconds(1, 3600)).toBe(3600);
    expect(backgroundRetryDelaySeconds(5, 3600)).toBe(3600);
  });
});
