"use client";

import { useEffect, useRef, useState, type ComponentProps, type FormEventHandler, type ReactNode } from "react";
import type { DefaultValues, FieldValues } from "react-hook-form";
import type { LucideIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogPanel, DialogTrigger } from "@/components/ui/dialog";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/action-form";
import { useActionForm, type ActionFormOptions } from "@/components/forms/use-action-form";

/**
 * A dialog around one form. The submit buttons sit in the footer, outside the form, so they name
 * the form by `formId`. `done` replaces the form once it has served (a secret shown once).
 */
export function FormDialog({
  open,
  onOpenChange,
  onClose,
  trigger,
  contentClassName,
  formId,
  onSubmit,
  error,
  done,
  children,
  ...panel
}: Omit<ComponentProps<typeof DialogPanel>, "className" | "children"> & {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** When the dialog closes, whoever closes it (Escape, a button, the caller after a save): forget what it held. */
  onClose?: () => void;
  trigger?: ReactNode;
  contentClassName?: string;
  formId: string;
  onSubmit: FormEventHandler<HTMLFormElement>;
  error?: string;
  done?: ReactNode;
  footer: ReactNode;
  children: ReactNode;
}) {
  // Watching `open` rather than Radix's close events: a caller closing the dialog itself (Done,
  // after a save) must forget the same things as Escape does.
  const latestOnClose = useRef(onClose);
  useEffect(() => {
    latestOnClose.current = onClose;
  });
  const wasOpen = useRef(open);
  useEffect(() => {
    if (wasOpen.current && !open) latestOnClose.current?.();
    wasOpen.current = open;
  }, [open]);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {trigger ? <DialogTrigger asChild>{trigger}</DialogTrigger> : null}
      <DialogPanel className={contentClassName} {...panel}>
        {done ?? (
          <form id={formId} onSubmit={onSubmit} className="grid gap-4" noValidate>
            <FormError message={error} />
            {children}
          </form>
        )}
      </DialogPanel>
    </Dialog>
  );
}

/**
 * The button opening a create dialog: an icon, then what it creates. Radix's DialogTrigger
 * (asChild) hands it the click handler, ref and ARIA state, so those reach the button.
 */
export function CreateDialogTrigger({
  icon: Icon,
  label,
  ...trigger
}: Omit<ComponentProps<typeof Button>, "children"> & { icon: LucideIcon; label: string }) {
  return (
    <Button {...trigger}>
      <Icon aria-hidden />
      {label}
    </Button>
  );
}

/** What a create dialog says: its trigger button and title (`label`), what it is for, its submit button. */
export type CreateDialogText = { icon: LucideIcon; label: string; description: string; submitLabel: string };

/**
 * A FormDialog that creates something and then shows it once (`done`): the footer submits the
 * form until then, and offers `doneAction` ("Done" unless given) after.
 */
export function CreateDialog({
  text: { icon, label, description, submitLabel },
  formId,
  pending,
  done,
  doneAction = <DialogCloseButton variant="outline">Done</DialogCloseButton>,
  ...dialog
}: Omit<ComponentProps<typeof FormDialog>, "trigger" | "title" | "description" | "footer"> & {
  text: CreateDialogText;
  pending: boolean;
  doneAction?: ReactNode;
}) {
  return (
    <FormDialog
      {...dialog}
      trigger={<CreateDialogTrigger icon={icon} label={label} />}
      title={label}
      description={description}
      formId={formId}
      done={done}
      footer={
        done ? (
          doneAction
        ) : (
          <DialogSubmitButton formId={formId} pending={pending} pendingLabel="Creating…">
            {submitLabel}
          </DialogSubmitButton>
        )
      }
    />
  );
}

/**
 * Open state of a create dialog and the result it shows once (an API key, a one-time password):
 * spread `dialogProps` on the FormDialog; closing it forgets the result.
 */
export function useShownOnceDialog<T>() {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<T>();
  const forget = () => setCreated(undefined);
  return { created, show: setCreated, forget, dialogProps: { open, onOpenChange: setOpen, onClose: forget } };
}

/**
 * A create dialog's state: its action form and what the action created, shown once. Spread
 * `dialogProps` on the CreateDialog; after each success the form starts again from `defaultValues()`.
 */
export function useCreateDialog<T extends FieldValues, R>({
  defaultValues,
  ...options
}: Omit<ActionFormOptions<T, R>, "defaultValues" | "onSuccess"> & { defaultValues: () => DefaultValues<T> }) {
  const { created, show, forget, dialogProps } = useShownOnceDialog<R>();
  const { form, formProps } = useActionForm({
    ...options,
    defaultValues: defaultValues(),
    onSuccess: (data) => {
      show(data);
      form.reset(defaultValues());
    },
  });
  return { form, created, forget, dialogProps: { ...dialogProps, ...formProps, pending: form.formState.isSubmitting } };
}

/** The submit button in a dialog's footer: it names the form it sits outside of, and says what happens while it works. */
export function DialogSubmitButton({
  formId,
  ...submit
}: Omit<ComponentProps<typeof SubmitButton>, "form"> & { formId: string }) {
  return <SubmitButton form={formId} {...submit} />;
}

/**
 * Closes the dialog the way Escape does, so `onClose` runs and forgets what the dialog held:
 * "Cancel" before submitting, "Done" once a secret has been shown.
 */
export function DialogCloseButton({
  children,
  variant = "ghost",
}: {
  children: ReactNode;
  variant?: "ghost" | "outline";
}) {
  return (
    <DialogClose asChild>
      <Button type="button" variant={variant}>
        {children}
      </Button>
    </DialogClose>
  );
}
