"use client";

import { Plus } from "lucide-react";
import { ActionButton } from "@/components/forms/action-button";
import { addConnectionScopeAction } from "@/app/(console)/connections/fix-actions";

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
  return (
    <ActionButton
      size="sm"
      icon={<Plus aria-hidden />}
      action={() => addConnectionScopeAction({ connectionId, version, scope })}
    >
      Add {scope}
    </ActionButton>
  );
}
