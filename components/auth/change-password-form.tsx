"use client";

import { InputField } from "@/components/forms/form-field";
import { NewPasswordForm } from "@/components/auth/new-password-form";
import { changePasswordSchema } from "@/lib/schemas/auth";
import { changeOwnPassword } from "@/app/(auth)/change-password/actions";

export function ChangePasswordForm() {
  return (
    <NewPasswordForm
      schema={changePasswordSchema}
      defaultValues={{ currentPassword: "", password: "", confirmPassword: "" }}
      action={changeOwnPassword}
      passwordLabel="New password"
      submitLabel="Change password"
      submittingLabel="Saving…"
    >
      {(form) => (
        <InputField
          form={form}
          name="currentPassword"
          label="Current password"
          hint="The one-time password you were given."
          type="password"
          autoComplete="current-password"
        />
      )}
    </NewPasswordForm>
  );
}
