import { afterEach, describe, expect, it, vi } from "vitest";
import { formatRelativeTime, readClock, subscribeToClock } from "@/lib/time/relative-time";

afterEach(() => {
  vi.useRealTimers();
});

describe("relative time", () => {
  it("shows an event that finished a second ago as just now, however far into the 30 s tick", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-12-05T12:00:29.000Z"));
    const unsubscribe = subscribeToClock(() => {});
    const finished = new Date("2026-12-05T12:00:28.000Z");
    expect(formatRelativeTime(finished, readClock())).toBe("just now");
    unsubscribe();
  });

  it("moves with the clock on every tick", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-12-05T12:00:00.000Z"));
    const ticks: number[] = [];
    const unsubscribe = subscribeToClock(() => ticks.push(readClock()));
    vi.advanceTimersByTime(5 * 60_000);
    unsubscribe();
    expect(formatRelativeTime(new Date("2026-12-05T12:00:00.000Z"), readClock())).toBe("5 min. ago");
  });

  it("keeps the future in the future and past units readable", () => {
    const now = Date.parse("2026-12-05T12:00:00.000Z");
    expect(formatRelativeTime(new Date(now + 10_000), now)).toBe("in a few seconds");
    expect(formatRelativeTime(new Date(now - 3 * 3600_000), now)).toBe("3 hr. ago");
    expect(formatRelativeTime(new Date(now + 2 * 24 * 3600_000), now)).toBe("in 2 days");
  });
});
