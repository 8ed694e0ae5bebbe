"use client";

import { Power } from "lucide-react";
import { ActionButton } from "@/components/forms/action-button";
import { setConnectionEnabledAction } from "@/app/(console)/connections/actions";

/** The way back from the disabled banner, next to the reason it is needed. The action checks the role again. */
export function EnableConnectionButton({ connectionId }: { connectionId: string }) {
  return (
    <ActionButton
      size="sm"
      focusable
      icon={<Power aria-hidden />}
      pendingLabel="Enabling…"
      action={() => setConnectionEnabledAction({ connectionId, enabled: true })}
    >
      Enable
    </ActionButton>
  );
}
