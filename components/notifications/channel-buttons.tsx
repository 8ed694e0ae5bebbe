"use client";

import * as React from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { useActionTransition } from "@/components/forms/use-action-transition";
import { deleteChannelAction, redeliverAction, sendTestEventAction } from "@/app/(console)/notifications/actions";

export function SendTestEventButton({ channelId, name }: { channelId: string; name: string }) {
  const { pending, run } = useActionTransition();
  return (
    <Button
      variant="outline"
      size="sm"
      aria-label={`Send test event to ${name}`}
      disabled={pending}
      onClick={() => run(() => sendTestEventAction({ channelId }), { refresh: true })}
    >
      {pending ? "Sending…" : "Send test event"}
    </Button>
  );
}

export function RedeliverButton({ deliveryId }: { deliveryId: string }) {
  const { pending, run } = useActionTransition();
  return (
    <Button
      variant="outline"
      size="sm"
      disabled={pending}
      onClick={() => run(() => redeliverAction({ deliveryId }), { refresh: true })}
    >
      {pending ? "Sending…" : "Redeliver"}
    </Button>
  );
}

export function DeleteChannelButton({ channelId, name }: { channelId: string; name: string }) {
  const [open, setOpen] = React.useState(false);
  const { pending, run } = useActionTransition();
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="destructive" size="sm" aria-label={`Delete ${name}`}>
          Delete
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Delete “{name}”?</DialogTitle>
          <DialogDescription>
            It receives no further notifications, and its delivery log goes with it.
          </DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Cancel</Button>
          </DialogClose>
          <Button
            variant="destructive"
            disabled={pending}
            onClick={() => run(() => deleteChannelAction({ channelId }), { onSuccess: () => setOpen(false) })}
          >
            {pending ? "Deleting…" : "Delete channel"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
