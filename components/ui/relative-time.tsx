"use client";

import * as React from "react";
import { formatRelativeTime, readClock, subscribeToClock } from "@/lib/time/relative-time";

const exact = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
const serverClock = () => null;

/**
 * "4 min ago" on one line, with the exact local time on hover and for screen readers (title and
 * dateTime). The server renders the UTC date (it cannot know the viewer's clock or zone); the
 * browser swaps in the relative text after hydration.
 */
export function RelativeTime({ value }: { value: string | Date }) {
  const date = typeof value === "string" ? new Date(value) : value;
  const now = React.useSyncExternalStore(subscribeToClock, readClock, serverClock);
  const iso = date.toISOString();
  return (
    <time dateTime={iso} title={now === null ? iso : exact.format(date)} className="whitespace-nowrap">
      {now === null ? iso.slice(0, 10) : formatRelativeTime(date, now)}
    </time>
  );
}
