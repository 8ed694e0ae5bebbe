"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { useActionForm } from "@/components/forms/use-action-form";
import { NewPasswordFields } from "@/components/auth/new-password-fields";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/schemas/auth";
import { changeOwnPassword } from "@/app/(auth)/change-password/actions";

export function ChangePasswordForm() {
  const router = useRouter();
  const { form, formError, onSubmit } = useActionForm({
    schema: changePasswordSchema,
    defaultValues: { currentPassword: "", password: "", confirmPassword: "" },
    action: changeOwnPassword,
    onSuccess: async ({ email }, values: ChangePasswordInput) => {
      // The change ended every session of this user, this one included: sign in again with the new password.
      await signIn("credentials", { email, password: values.password, redirect: false });
      router.replace("/connections");
      router.refresh();
    },
  });

  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      {formError ? <Alert variant="destructive">{formError}</Alert> : null}
      <Field id="currentPassword" label="Current password" hint="The one-time password you were given." error={errors.currentPassword?.message}>
        <Input type="password" autoComplete="current-password" {...form.register("currentPassword")} />
      </Field>
      <NewPasswordFields
        label="New password"
        password={form.register("password")}
        confirmPassword={form.register("confirmPassword")}
        errors={{ password: errors.password?.message, confirmPassword: errors.confirmPassword?.message }}
      />
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Saving…" : "Change password"}
      </Button>
    </form>
  );
}
