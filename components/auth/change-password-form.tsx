"use client";

import { InputField } from "@/components/forms/form-field";
import { AuthForm } from "@/components/auth/auth-form";
import { useSignInAndEnter } from "@/components/auth/use-sign-in-and-enter";
import { useActionForm } from "@/components/forms/use-action-form";
import { NewPasswordFields } from "@/components/auth/new-password-fields";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/schemas/auth";
import { changeOwnPassword } from "@/app/(auth)/change-password/actions";

export function ChangePasswordForm() {
  const signInAndEnter = useSignInAndEnter();
  const { form, formError, onSubmit } = useActionForm({
    schema: changePasswordSchema,
    defaultValues: { currentPassword: "", password: "", confirmPassword: "" },
    action: changeOwnPassword,
    onSuccess: async ({ email }, values: ChangePasswordInput) => {
      // The change ended every session of this user, this one included: sign in again with the new password.
      await signInAndEnter(email, values.password);
    },
  });

  const { isSubmitting } = form.formState;
  return (
    <AuthForm
      onSubmit={onSubmit}
      error={formError}
      submitting={isSubmitting}
      submitLabel="Change password"
      submittingLabel="Saving…"
    >
      <InputField
        form={form}
        name="currentPassword"
        label="Current password"
        hint="The one-time password you were given."
        type="password"
        autoComplete="current-password"
      />
      <NewPasswordFields label="New password" form={form} />
    </AuthForm>
  );
}
