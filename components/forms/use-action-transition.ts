"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/action-result";

type RunOptions<T> = {
  /** After success (and its toast). */
  onSuccess?: (data: T) => void;
  /** No success toast: `onSuccess` shows the result itself. */
  quiet?: boolean;
  /** The success toast when the action sends no message. */
  fallbackMessage?: string;
  /** Re-render the page's server data afterwards, whatever the outcome (another admin may have changed it). */
  refresh?: boolean;
};

/**
 * One server action behind a button, outside any form: pending while it runs, then its message
 * or its refusal as a toast.
 */
export function useActionTransition() {
  const router = useRouter();
  const [pending, startTransition] = React.useTransition();
  function run<T>(action: () => Promise<ActionResult<T>>, options: RunOptions<T> = {}) {
    startTransition(async () => {
      const result = await action();
      if (!result.ok) toast.error(result.error);
      else {
        if (!options.quiet) toast.success(result.message ?? options.fallbackMessage);
        options.onSuccess?.(result.data);
      }
      if (options.refresh) router.refresh();
    });
  }
  return { pending, run };
}
