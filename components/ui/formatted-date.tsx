"use client";

import * as React from "react";

const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const noSubscription = () => () => {};

/**
 * A date in the viewer's locale and time zone, with the exact ISO time on hover. The server
 * renders UTC (it cannot know the viewer's zone); the browser swaps in local time after hydration.
 */
export function FormattedDate({ value }: { value: string | Date }) {
  const date = typeof value === "string" ? new Date(value) : value;
  const inBrowser = React.useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const iso = date.toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {inBrowser ? absolute.format(date) : `${iso.slice(0, 16).replace("T", " ")} UTC`}
    </time>
  );
}
