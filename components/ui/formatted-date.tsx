"use client";

import * as React from "react";

const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A date in the viewer's locale and time zone, with the exact ISO time on hover. */
export function FormattedDate({ value }: { value: string | Date }) {
  const date = typeof value === "string" ? new Date(value) : value;
  const [text, setText] = React.useState(() => date.toISOString().slice(0, 16).replace("T", " ") + " UTC");
  React.useEffect(() => setText(absolute.format(new Date(value))), [value]);
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()}>
      {text}
    </time>
  );
}
