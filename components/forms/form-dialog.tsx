"use client";

import type { FormEventHandler, ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormError } from "@/components/forms/form-error";

/**
 * A dialog around one form. The submit buttons sit in the footer, outside the form, so they name
 * the form by `formId`. `done` replaces the form once it has served (a secret shown once).
 */
export function FormDialog({
  open,
  onOpenChange,
  onClose,
  trigger,
  title,
  titleClassName,
  description,
  contentClassName,
  formId,
  onSubmit,
  error,
  done,
  footer,
  footerClassName,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** When the dialog closes: forget what it held (typed values, a secret shown once). */
  onClose?: () => void;
  trigger?: ReactNode;
  title: ReactNode;
  titleClassName?: string;
  description: ReactNode;
  contentClassName?: string;
  formId: string;
  onSubmit: FormEventHandler<HTMLFormElement>;
  error?: string;
  done?: ReactNode;
  footer: ReactNode;
  footerClassName?: string;
  children: ReactNode;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) onClose?.();
      }}
    >
      {trigger ? <DialogTrigger asChild>{trigger}</DialogTrigger> : null}
      <DialogContent className={contentClassName}>
        <DialogHeader>
          <DialogTitle className={titleClassName}>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {done ?? (
          <form id={formId} onSubmit={onSubmit} className="grid gap-4" noValidate>
            <FormError message={error} />
            {children}
          </form>
        )}
        <DialogFooter className={footerClassName}>{footer}</DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

export function DialogCancelButton() {
  return (
    <DialogClose asChild>
      <Button type="button" variant="ghost">
        Cancel
      </Button>
    </DialogClose>
  );
}
