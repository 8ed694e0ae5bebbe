"use client";

import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useActionTransition } from "@/components/forms/use-action-transition";
import { addConnectionScopeAction } from "@/app/(console)/connections/actions";

/** One-click fix from the lint: adds exactly this scope to the saved connection (audited as an update). */
export function AddScopeButton({
  connectionId,
  version,
  scope,
}: {
  connectionId: string;
  version: number;
  scope: string;
}) {
  const { pending, run } = useActionTransition();
  return (
    <Button
      size="sm"
      variant="outline"
      disabled={pending}
      onClick={() => run(() => addConnectionScopeAction({ connectionId, version, scope }), { refresh: true })}
    >
      <Plus aria-hidden />
      Add {scope}
    </Button>
  );
}
