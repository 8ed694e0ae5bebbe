"use client";

import { useRouter } from "next/navigation";
import { useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { DialogCloseButton, DialogSubmitButton, FormDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { deleteConnectionSchema } from "@/lib/schemas/connection";
import { deleteConnectionAction } from "@/app/(console)/connections/actions";

export function DeleteConnectionDialog({
  connectionId,
  name,
  open,
  onOpenChange,
}: {
  connectionId: string;
  name: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const router = useRouter();
  const { form, formProps } = useActionForm({
    schema: deleteConnectionSchema,
    defaultValues: { connectionId, confirmName: "" },
    action: deleteConnectionAction,
    quiet: true,
    onSuccess: () => {
      toast.success(`Deleted ${name}.`);
      router.push("/connections");
      router.refresh();
    },
  });
  const typed = useWatch({ control: form.control, name: "confirmName" });

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      onClose={() => form.reset({ connectionId, confirmName: "" })}
      title={<>Delete {name}?</>}
      titleClassName="wrap-anywhere"
      description="This removes the connection with its stored tokens and test history. The audit log keeps its events. This cannot be undone."
      formId="delete-connection"
      {...formProps}
      footerClassName="gap-2"
      footer={
        <>
          <DialogCloseButton>Cancel</DialogCloseButton>
          <DialogSubmitButton
            formId="delete-connection"
            variant="destructive"
            pending={form.formState.isSubmitting}
            pendingLabel="Deleting…"
            disabled={typed.trim() !== name}
          >
            Delete connection
          </DialogSubmitButton>
        </>
      }
    >
      <Field
        id="delete-confirm-name"
        label={`Type ${name} to confirm`}
        error={form.formState.errors.confirmName?.message}
      >
        <Input autoComplete="off" spellCheck={false} {...form.register("confirmName")} />
      </Field>
    </FormDialog>
  );
}
