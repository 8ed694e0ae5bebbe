"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Copy, KeyRound, Pencil, Power, PowerOff, Trash2 } from "lucide-react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button, buttonVariants } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { deleteConnectionSchema, rotateSecretSchema, type DeleteConnectionInput, type RotateSecretInput } from "@/lib/schemas/connection";
import {
  deleteConnectionAction,
  duplicateConnectionAction,
  rotateClientSecretAction,
  setConnectionEnabledAction,
} from "@/app/(console)/connections/actions";

type ActionTarget = { id: string; name: string; status: string; enabled: boolean; clientAuthMethod: string };

/** The detail page's admin buttons. Auditors never get this component; the actions refuse them too. */
export function ConnectionActions({ connection }: { connection: ActionTarget }) {
  const router = useRouter();
  const [pending, startTransition] = React.useTransition();
  const draft = connection.status === "DRAFT";

  return (
    <>
      {draft ? (
        <Link href={`/connections/new?draft=${connection.id}`} className={buttonVariants()}>
          <Pencil aria-hidden />
          Resume draft
        </Link>
      ) : (
        <Link href={`/connections/${connection.id}/edit`} className={buttonVariants()}>
          <Pencil aria-hidden />
          Edit
        </Link>
      )}
      {!draft && connection.clientAuthMethod !== "none" ? <RotateSecretDialog connectionId={connection.id} /> : null}
      <Button
        variant="outline"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await duplicateConnectionAction({ connectionId: connection.id });
            if (!result.ok) return void toast.error(result.error);
            toast.success(result.message);
            router.push(`/connections/new?draft=${result.data.id}`);
          })
        }
      >
        <Copy aria-hidden />
        Duplicate
      </Button>
      {draft ? null : (
        <Button
          variant="outline"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const result = await setConnectionEnabledAction({ connectionId: connection.id, enabled: !connection.enabled });
              if (result.ok) toast.success(result.message);
              else toast.error(result.error);
              router.refresh();
            })
          }
        >
          {connection.enabled ? <PowerOff aria-hidden /> : <Power aria-hidden />}
          {connection.enabled ? "Disable" : "Enable"}
        </Button>
      )}
      <DeleteConnectionDialog connectionId={connection.id} name={connection.name} />
    </>
  );
}

function RotateSecretDialog({ connectionId }: { connectionId: string }) {
  const router = useRouter();
  const [open, setOpen] = React.useState(false);
  const [error, setError] = React.useState<string>();
  const form = useForm<RotateSecretInput>({ resolver: zodResolver(rotateSecretSchema), defaultValues: { connectionId, secret: "" } });

  async function onSubmit(values: RotateSecretInput) {
    setError(undefined);
    const result = await rotateClientSecretAction(values);
    if (!result.ok) {
      applyFieldErrors(form.setError, result.fieldErrors);
      if (!result.fieldErrors) setError(result.error);
      return;
    }
    toast.success(result.message);
    form.reset({ connectionId, secret: "" });
    setOpen(false);
    router.refresh();
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) form.reset({ connectionId, secret: "" });
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline">
          <KeyRound aria-hidden />
          Rotate secret
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Rotate client secret</DialogTitle>
          <DialogDescription>Type the new secret from the provider. Leave it empty to keep the current one.</DialogDescription>
        </DialogHeader>
        <form id="rotate-secret" noValidate onSubmit={form.handleSubmit(onSubmit)} className="grid gap-4">
          {error ? <Alert variant="destructive">{error}</Alert> : null}
          <Field id="rotate-secret-value" label="New client secret" error={form.formState.errors.secret?.message}>
            <Input type="password" autoComplete="new-password" spellCheck={false} {...form.register("secret")} />
          </Field>
        </form>
        <DialogFooter>
          <Button type="submit" form="rotate-secret" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? "Saving…" : "Save secret"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

function DeleteConnectionDialog({ connectionId, name }: { connectionId: string; name: string }) {
  const router = useRouter();
  const [error, setError] = React.useState<string>();
  const form = useForm<DeleteConnectionInput>({ resolver: zodResolver(deleteConnectionSchema), defaultValues: { connectionId, confirmName: "" } });
  const typed = useWatch({ control: form.control, name: "confirmName" });

  async function onSubmit(values: DeleteConnectionInput) {
    setError(undefined);
    const result = await deleteConnectionAction(values);
    if (!result.ok) {
      applyFieldErrors(form.setError, result.fieldErrors);
      if (!result.fieldErrors) setError(result.error);
      return;
    }
    toast.success(`Deleted ${name}.`);
    router.push("/connections");
    router.refresh();
  }

  return (
    <Dialog onOpenChange={(open) => !open && form.reset({ connectionId, confirmName: "" })}>
      <DialogTrigger asChild>
        <Button variant="destructive">
          <Trash2 aria-hidden />
          Delete
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Delete {name}?</DialogTitle>
          <DialogDescription>
            This removes the connection with its stored tokens and test history. The audit log keeps its events. This cannot be undone.
          </DialogDescription>
        </DialogHeader>
        <form id="delete-connection" noValidate onSubmit={form.handleSubmit(onSubmit)} className="grid gap-4">
          {error ? <Alert variant="destructive">{error}</Alert> : null}
          <Field id="delete-confirm-name" label={`Type ${name} to confirm`} error={form.formState.errors.confirmName?.message}>
            <Input autoComplete="off" spellCheck={false} {...form.register("confirmName")} />
          </Field>
        </form>
        <DialogFooter>
          <Button type="submit" form="delete-connection" variant="destructive" disabled={typed.trim() !== name || form.formState.isSubmitting}>
            {form.formState.isSubmitting ? "Deleting…" : "Delete connection"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
