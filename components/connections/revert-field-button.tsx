"use client";

import { Undo2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useActionTransition } from "@/components/forms/use-action-transition";
import { revertConnectionFieldAction } from "@/app/(console)/connections/fix-actions";
import type { ProtocolField } from "@/lib/connections/protocol-fields";

/** One click back to the field's value in the last successful test; the page re-reads what is left. */
export function RevertFieldButton({
  connectionId,
  version,
  field,
  label,
}: {
  connectionId: string;
  version: number;
  field: ProtocolField;
  label: string;
}) {
  const { pending, run } = useActionTransition();
  return (
    <Button
      variant="outline"
      size="sm"
      aria-label={`Revert ${label}`}
      disabled={pending}
      onClick={() => run(() => revertConnectionFieldAction({ connectionId, version, field }), { refresh: true })}
    >
      <Undo2 aria-hidden />
      {pending ? "Reverting…" : "Revert"}
    </Button>
  );
}
