"use client";

import { InputField } from "@/components/forms/form-field";
import { NewPasswordForm } from "@/components/auth/new-password-form";
import { NewAccountFields } from "@/components/users/new-account-fields";
import { setupSchema } from "@/lib/schemas/auth";
import { completeSetup } from "@/app/(auth)/setup/actions";

export function SetupForm() {
  return (
    <NewPasswordForm
      schema={setupSchema}
      defaultValues={{ setupCode: "", email: "", name: "", password: "", confirmPassword: "" }}
      action={completeSetup}
      passwordLabel="Password"
      submitLabel="Create admin account"
      submittingLabel="Creating admin…"
    >
      {(form) => (
        <>
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
        </>
      )}
    </NewPasswordForm>
  );
}
