"use client";

import * as React from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogPanel, DialogTrigger } from "@/components/ui/dialog";
import { DialogCloseButton } from "@/components/forms/form-dialog";
import { useActionTransition } from "@/components/forms/use-action-transition";
import type { ActionResult } from "@/lib/actions/action-result";

export type ConfirmRequest = {
  title: React.ReactNode;
  description: React.ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  onConfirm: () => void;
};

/** What a confirmation says, and its Cancel beside the confirm button (`children`). */
function ConfirmDialogContent({
  title,
  description,
  children,
}: {
  title: React.ReactNode;
  description: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <DialogPanel
      title={title}
      titleClassName="wrap-anywhere"
      description={description}
      footer={
        <>
          <DialogCloseButton>Cancel</DialogCloseButton>
          {children}
        </>
      }
      footerClassName="gap-2"
    />
  );
}

/**
 * Asks before an action that takes effect at once on someone else (a disabled user, a connection
 * bots rely on). Closing it any way but the confirm button leaves everything as it was.
 */
export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest | null; onClose: () => void }) {
  return (
    <Dialog open={request !== null} onOpenChange={(open) => !open && onClose()}>
      <ConfirmDialogContent title={request?.title} description={request?.description}>
        <Button
          type="button"
          variant={request?.destructive ? "destructive" : "default"}
          onClick={() => {
            request?.onConfirm();
            onClose();
          }}
        >
          {request?.confirmLabel}
        </Button>
      </ConfirmDialogContent>
    </Dialog>
  );
}

/**
 * A destructive button that asks first, then runs one server action; the dialog stays open
 * (with the refusal as a toast) until the action succeeded.
 */
export function ConfirmActionButton({
  trigger,
  title,
  description,
  confirmLabel,
  pendingLabel,
  fallbackMessage,
  action,
}: {
  trigger: React.ReactNode;
  title: React.ReactNode;
  description: React.ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  fallbackMessage?: string;
  action: () => Promise<ActionResult<unknown>>;
}) {
  const [open, setOpen] = React.useState(false);
  const { pending, run } = useActionTransition();
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <ConfirmDialogContent title={title} description={description}>
        <Button
          variant="destructive"
          disabled={pending}
          onClick={() => run(action, { onSuccess: () => setOpen(false), fallbackMessage })}
        >
          {pending ? pendingLabel : confirmLabel}
        </Button>
      </ConfirmDialogContent>
    </Dialog>
  );
}
