"use client";

import { Button } from "@/components/ui/button";
import { ActionButton } from "@/components/forms/action-button";
import { ConfirmActionButton } from "@/components/forms/confirm-dialog";
import { deleteChannelAction, redeliverAction, sendTestEventAction } from "@/app/(console)/notifications/actions";

export function SendTestEventButton({ channelId, name }: { channelId: string; name: string }) {
  return (
    <ActionButton
      size="sm"
      aria-label={`Send test event to ${name}`}
      pendingLabel="Sending…"
      action={() => sendTestEventAction({ channelId })}
    >
      Send test event
    </ActionButton>
  );
}

export function RedeliverButton({ deliveryId }: { deliveryId: string }) {
  return (
    <ActionButton size="sm" pendingLabel="Sending…" action={() => redeliverAction({ deliveryId })}>
      Redeliver
    </ActionButton>
  );
}

export function DeleteChannelButton({ channelId, name }: { channelId: string; name: string }) {
  return (
    <ConfirmActionButton
      trigger={
        <Button variant="destructive" size="sm" aria-label={`Delete ${name}`}>
          Delete
        </Button>
      }
      title={`Delete “${name}”?`}
      description="It receives no further notifications, and its delivery log goes with it."
      confirmLabel="Delete channel"
      pendingLabel="Deleting…"
      action={() => deleteChannelAction({ channelId })}
    />
  );
}
