"use client";

import * as React from "react";

const exact = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto", style: "short" });
// The clock as an external store, ticking every 30 s, so "4 min ago" stays true on an open page.
function subscribeToClock(onTick: () => void) {
  const timer = setInterval(onTick, 30_000);
  return () => clearInterval(timer);
}
const clockNow = () => Math.floor(Date.now() / 30_000) * 30_000;
const serverClock = () => null;

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

function relativeText(date: Date, now: number): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return seconds > 0 ? "in a few seconds" : "just now";
  const [unit, size] = UNITS.find(([, s]) => Math.abs(seconds) >= s) ?? (["second", 1] as const);
  return relative.format(Math.round(seconds / size), unit);
}

/**
 * "4 min ago" on one line, with the exact local time on hover and for screen readers (title and
 * dateTime). The server renders the UTC date (it cannot know the viewer's clock or zone); the
 * browser swaps in the relative text after hydration.
 */
export function RelativeTime({ value }: { value: string | Date }) {
  const date = typeof value === "string" ? new Date(value) : value;
  const now = React.useSyncExternalStore(subscribeToClock, clockNow, serverClock);
  const iso = date.toISOString();
  return (
    <time dateTime={iso} title={now === null ? iso : exact.format(date)} className="whitespace-nowrap">
      {now === null ? iso.slice(0, 10) : relativeText(date, now)}
    </time>
  );
}
