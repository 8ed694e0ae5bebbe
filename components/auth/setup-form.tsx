"use client";

import { InputField } from "@/components/forms/form-field";
import { AuthForm } from "@/components/auth/auth-form";
import { useSignInAndEnter } from "@/components/auth/use-sign-in-and-enter";
import { setupSchema, type SetupInput } from "@/lib/schemas/auth";
import { completeSetup } from "@/app/(auth)/setup/actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { NewPasswordFields } from "@/components/auth/new-password-fields";
import { NewAccountFields } from "@/components/users/new-account-fields";

export function SetupForm() {
  const signInAndEnter = useSignInAndEnter();
  const { form, formError, onSubmit } = useActionForm({
    schema: setupSchema,
    defaultValues: { setupCode: "", email: "", name: "", password: "", confirmPassword: "" },
    action: completeSetup,
    onSuccess: (_, values: SetupInput) => signInAndEnter(values.email, values.password),
  });

  const { isSubmitting } = form.formState;
  return (
    <AuthForm
      onSubmit={onSubmit}
      error={formError}
      submitting={isSubmitting}
      submitLabel="Create admin account"
      submittingLabel="Creating admin…"
    >
      <InputField
        form={form}
        name="setupCode"
        label="Setup code"
        hint="Printed in the server log when Handshake started."
        autoComplete="off"
        spellCheck={false}
        inputClassName="font-mono uppercase"
      />
      <NewAccountFields form={form} own />
      <NewPasswordFields label="Password" form={form} />
    </AuthForm>
  );
}
