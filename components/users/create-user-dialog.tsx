"use client";

import * as React from "react";
import { UserPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, NativeSelect } from "@/components/ui/input";
import { OneTimePasswordNotice } from "@/components/users/one-time-password-notice";
import { FormDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { createUserSchema, type CreateUserInput } from "@/lib/schemas/auth";
import { createUserAction } from "@/app/(console)/users/actions";

export function CreateUserDialog() {
  const [open, setOpen] = React.useState(false);
  const [created, setCreated] = React.useState<{ email: string; oneTimePassword: string }>();
  const { form, formError, onSubmit } = useActionForm({
    schema: createUserSchema,
    defaultValues: { email: "", name: "", role: "AUDITOR" } satisfies CreateUserInput,
    action: createUserAction,
    onSuccess: (data) => {
      setCreated(data);
      form.reset();
    },
  });

  const { errors, isSubmitting } = form.formState;
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      onClose={() => setCreated(undefined)}
      trigger={
        <Button>
          <UserPlus aria-hidden />
          Add user
        </Button>
      }
      title="Add user"
      description="They get a one-time password and choose their own at first sign-in."
      formId="create-user"
      onSubmit={onSubmit}
      error={formError}
      done={created ? <OneTimePasswordNotice email={created.email} password={created.oneTimePassword} /> : undefined}
      footer={
        created ? (
          <Button onClick={() => setCreated(undefined)} variant="outline">
            Add another
          </Button>
        ) : (
          <Button type="submit" form="create-user" disabled={isSubmitting}>
            {isSubmitting ? "Creating…" : "Create user"}
          </Button>
        )
      }
    >
      <Field id="new-user-email" label="Email" error={errors.email?.message}>
        <Input type="email" autoComplete="off" {...form.register("email")} />
      </Field>
      <Field id="new-user-name" label="Name" optional error={errors.name?.message}>
        <Input autoComplete="off" {...form.register("name")} />
      </Field>
      <Field id="new-user-role" label="Role" error={errors.role?.message}>
        <NativeSelect {...form.register("role")}>
          <option value="AUDITOR">Auditor (read-only)</option>
          <option value="ADMIN">Admin</option>
        </NativeSelect>
      </Field>
    </FormDialog>
  );
}
