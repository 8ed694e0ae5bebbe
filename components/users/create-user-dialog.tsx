"use client";

import { UserPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/forms/form-field";
import { NewAccountFields } from "@/components/users/new-account-fields";
import { OneTimePasswordNotice } from "@/components/users/one-time-password-notice";
import { CreateDialog, useCreateDialog, type CreateDialogText } from "@/components/forms/form-dialog";
import { createUserSchema, type CreateUserInput } from "@/lib/schemas/auth";
import { createUserAction } from "@/app/(console)/users/actions";

const ADD_USER: CreateDialogText = {
  icon: UserPlus,
  label: "Add user",
  description: "They get a one-time password and choose their own at first sign-in.",
  submitLabel: "Create user",
};

export function CreateUserDialog() {
  const { form, created, forget, dialogProps } = useCreateDialog({
    schema: createUserSchema,
    defaultValues: () => ({ email: "", name: "", role: "AUDITOR" }) satisfies CreateUserInput,
    action: createUserAction,
  });
  return (
    <CreateDialog
      {...dialogProps}
      text={ADD_USER}
      formId="create-user"
      done={created ? <OneTimePasswordNotice email={created.email} password={created.oneTimePassword} /> : undefined}
      doneAction={
        <Button onClick={forget} variant="outline">
          Add another
        </Button>
      }
    >
      <NewAccountFields form={form} own={false} idPrefix="new-user-" />
      <SelectField form={form} name="role" id="new-user-role" label="Role">
        <option value="AUDITOR">Auditor (read-only)</option>
        <option value="ADMIN">Admin</option>
      </SelectField>
    </CreateDialog>
  );
}
