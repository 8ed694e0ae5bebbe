/**
 * The background refresher's schedule, simulated minute by minute for a fleet of shared token sets
 * issued at the same instant: which minute each set is renewed in, by the same policy functions the
 * refresher runs (refresh-policy.ts). The property test and the scale benchmark both read it.
 */
import { backgroundLeadSeconds, needsRefresh } from "@/lib/tokens/refresh-policy";

export type ScheduleSimulation = {
  /** Refreshes in each minute from the first scan. */
  perMinute: number[];
  /** The shortest time between two refreshes of one set, in seconds. */
  shortestGapSeconds: number;
  /** The least validity left on a token when it was renewed, in seconds (negative: it had expired). */
  leastLeftSeconds: number;
};

export function simulateRefreshSchedule(options: {
  sets: number;
  lifetimeSeconds: number;
  marginSeconds: number;
  scanSeconds: number;
  minutes: number;
}): ScheduleSimulation {
  const t0 = Date.parse("2026-01-01T00:00:00Z");
  const connection = { refreshMarginSeconds: options.marginSeconds };
  const sets = Array.from({ length: options.sets }, (_, i) => ({
    id: `set-${i}`,
    accessTokenEncrypted: "sealed",
    obtainedAt: new Date(t0),
    refreshedAt: null as Date | null,
    expiresAt: new Date(t0 + options.lifetimeSeconds * 1000) as Date | null,
  }));
  const perMinute = new Array<number>(options.minutes).fill(0);
  let shortestGapSeconds = Infinity;
  let leastLeftSeconds = Infinity;
  for (let minute = 0; minute < options.minutes; minute += 1) {
    const now = t0 + minute * 60_000;
    for (const set of sets) {
      if (!needsRefresh(set, connection, backgroundLeadSeconds(set, connection, options.scanSeconds), now)) continue;
      const previous = (set.refreshedAt ?? set.obtainedAt).getTime();
      shortestGapSeconds = Math.min(shortestGapSeconds, (now - previous) / 1000);
      leastLeftSeconds = Math.min(leastLeftSeconds, (set.expiresAt!.getTime() - now) / 1000);
      set.refreshedAt = new Date(now);
      set.expiresAt = new Date(now + options.lifetimeSeconds * 1000);
      perMinute[minute]! += 1;
    }
  }
  return { perMinute, shortestGapSeconds, leastLeftSeconds };
}
