"use client";

import { Undo2 } from "lucide-react";
import { ActionButton } from "@/components/forms/action-button";
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
  return (
    <ActionButton
      size="sm"
      aria-label={`Revert ${label}`}
      icon={<Undo2 aria-hidden />}
      pendingLabel="Reverting…"
      action={() => revertConnectionFieldAction({ connectionId, version, field })}
    >
      Revert
    </ActionButton>
  );
}
