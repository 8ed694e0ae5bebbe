"use client";

import { Power } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useActionTransition } from "@/components/forms/use-action-transition";
import { setConnectionEnabledAction } from "@/app/(console)/connections/actions";

/** The way back from the disabled banner, next to the reason it is needed. The action checks the role again. */
export function EnableConnectionButton({ connectionId }: { connectionId: string }) {
  const { pending, run } = useActionTransition();
  return (
    <Button
      size="sm"
      variant="outline"
      aria-disabled={pending}
      onClick={() =>
        !pending && run(() => setConnectionEnabledAction({ connectionId, enabled: true }), { refresh: true })
      }
    >
      <Power aria-hidden />
      {pending ? "Enabling…" : "Enable"}
    </Button>
  );
}
