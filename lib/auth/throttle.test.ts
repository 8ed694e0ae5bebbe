import { describe, expect, it } from "vitest";
import { evaluateThrottle, MAX_FAILURES, throttleKeys, WINDOW_MS } from "@/lib/auth/throttle";

const now = new Date("2026-11-25T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe("sign-in throttle", () => {
  it("allows fewer failures than the limit", () => {
    expect(evaluateThrottle([minutesAgo(1), minutesAgo(2), minutesAgo(3), minutesAgo(4)], MAX_FAILURES, now).locked).toBe(false);
  });

  it("locks at the limit and says when it opens again", () => {
    const failures = [minutesAgo(10), minutesAgo(4), minutesAgo(3), minutesAgo(2), minutesAgo(1)];
    const state = evaluateThrottle(failures, MAX_FAILURES, now);
    expect(state.locked).toBe(true);
    expect(state.retryAfterSeconds).toBe(5 * 60);
  });

  it("forgets failures older than the window", () => {
    const old = Array.from({ length: 10 }, (_, i) => new Date(now.getTime() - WINDOW_MS - i * 1000));
    expect(evaluateThrottle(old, MAX_FAILURES, now).locked).toBe(false);
  });

  it("keys by normalised account and by address", () => {
    expect(throttleKeys("  Alice@Example.COM ", "10.0.0.1")).toEqual({ account: "account:alice@example.com", address: "ip:10.0.0.1" });
    expect(throttleKeys("a@b.c", null).address).toBeNull();
  });
});
