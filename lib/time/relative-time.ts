const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "short" });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

/** "4 min ago", "in 2 hr", "just now": how far `date` is from `now` (milliseconds since the epoch). */
export function formatRelativeTime(date: Date, now: number): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return seconds > 0 ? "in a few seconds" : "just now";
  const [unit, size] = UNITS.find(([, s]) => Math.abs(seconds) >= s) ?? (["second", 1] as const);
  return relative.format(Math.round(seconds / size), unit);
}

// The clock as an external store for useSyncExternalStore: the snapshot must stay the same between
// ticks, so it is read when a component subscribes and on every tick, never rounded (a rounded
// clock lies behind the real one and puts events that just finished "in a few seconds").
let lastReading = Date.now();

export function subscribeToClock(onTick: () => void, intervalMs = 30_000): () => void {
  const tick = () => {
    lastReading = Date.now();
    onTick();
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  return () => clearInterval(timer);
}

export function readClock(): number {
  return lastReading;
}
