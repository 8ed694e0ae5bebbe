"use client";

import type * as React from "react";
import { Button } from "@/components/ui/button";
import { useActionTransition } from "@/components/forms/use-action-transition";
import type { ActionResult } from "@/lib/actions/action-result";

/**
 * One server action behind an outline button, outside any form; the page re-reads its data afterwards.
 * `focusable` keeps the button focusable while the action runs (aria-disabled instead of disabled).
 */
export function ActionButton({
  action,
  icon,
  pendingLabel,
  focusable = false,
  children,
  ...button
}: {
  action: () => Promise<ActionResult<unknown>>;
  icon?: React.ReactNode;
  pendingLabel?: string;
  focusable?: boolean;
  children: React.ReactNode;
} & Pick<React.ComponentProps<typeof Button>, "size" | "type" | "aria-label">) {
  const { pending, run } = useActionTransition();
  return (
    <Button
      variant="outline"
      {...button}
      disabled={focusable ? undefined : pending}
      aria-disabled={focusable ? pending : undefined}
      onClick={() => !pending && run(action, { refresh: true })}
    >
      {icon}
      {pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
