"use client";

import * as React from "react";
import type { FieldErrors, FieldValues } from "react-hook-form";
import { Alert, AlertTitle } from "@/components/ui/alert";

export type SummaryItem = { path: string; message: string };

/** Every error message in a react-hook-form error tree, with its dot path, in field order. */
export function flattenErrors(errors: FieldErrors<FieldValues>, prefix = ""): SummaryItem[] {
  const items: SummaryItem[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (!value || key === "ref") continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof (value as { message?: unknown }).message === "string")
      items.push({ path, message: (value as { message: string }).message });
    else if (typeof value === "object") items.push(...flattenErrors(value as FieldErrors<FieldValues>, path));
  }
  return items;
}

/** Focuses the first invalid control in document order (top of the page first), after React has rendered the errors. */
export function focusFirstInvalid(container: HTMLElement | null): void {
  requestAnimationFrame(() => {
    const first = container?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!first) return;
    first.scrollIntoView({ block: "center" });
    first.focus({ preventScroll: true });
  });
}

/** "2 fields need fixing" with each message, shown at the top of a long form after a failed save. */
export function ErrorSummary({ items, labelFor }: { items: SummaryItem[]; labelFor: (path: string) => string }) {
  if (items.length === 0) return null;
  return (
    <Alert variant="destructive" data-testid="error-summary">
      <AlertTitle>{items.length === 1 ? "1 field needs fixing" : `${items.length} fields need fixing`}</AlertTitle>
      <ul className="list-disc pl-5">
        {items.map((item) => (
          <li key={item.path} className="wrap-anywhere">
            {labelFor(item.path)}: {item.message}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
