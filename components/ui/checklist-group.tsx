import * as React from "react";
import type { UseFormRegisterReturn } from "react-hook-form";

/**
 * A named, scrolling group of checkboxes for picking some of a list (connections, users): each
 * checkbox's value is the item's id, registered under one form field that collects the ticked ids.
 */
export function ChecklistGroup({
  label,
  items,
  registration,
  empty,
}: {
  label: string;
  items: { id: string; name: string }[];
  registration: UseFormRegisterReturn;
  /** Shown when there is nothing to pick. */
  empty?: React.ReactNode;
}) {
  return (
    <div className="grid max-h-48 gap-1 overflow-y-auto rounded-md border p-2" role="group" aria-label={label}>
      {items.length === 0 && empty ? <p className="text-sm text-muted-foreground">{empty}</p> : null}
      {items.map((item) => (
        <label key={item.id} className="flex items-center gap-2 text-sm">
          <input type="checkbox" value={item.id} className="size-4" {...registration} />
          {item.name}
        </label>
      ))}
    </div>
  );
}
