"use client";

import * as React from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/schemas/auth";
import { changeOwnPassword } from "@/app/(auth)/change-password/actions";

export function ChangePasswordForm() {
  const router = useRouter();
  const [error, setError] = React.useState<string>();
  const form = useForm<ChangePasswordInput>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { currentPassword: "", password: "", confirmPassword: "" },
  });

  async function onSubmit(values: ChangePasswordInput) {
    setError(undefined);
    const result = await changeOwnPassword(values);
    if (!result.ok) {
      applyFieldErrors(form.setError, result.fieldErrors);
      if (!result.fieldErrors) setError(result.error);
      return;
    }
    // The change ended every session of this user, this one included: sign in again with the new password.
    await signIn("credentials", { email: result.data.email, password: values.password, redirect: false });
    router.replace("/connections");
    router.refresh();
  }

  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={form.handleSubmit(onSubmit)} className="grid gap-4" noValidate>
      {error ? <Alert variant="destructive">{error}</Alert> : null}
      <Field id="currentPassword" label="Current password" hint="The one-time password you were given." error={errors.currentPassword?.message}>
        <Input type="password" autoComplete="current-password" {...form.register("currentPassword")} />
      </Field>
      <Field id="password" label="New password" hint="At least 12 characters." error={errors.password?.message}>
        <Input type="password" autoComplete="new-password" {...form.register("password")} />
      </Field>
      <Field id="confirmPassword" label="Confirm new password" error={errors.confirmPassword?.message}>
        <Input type="password" autoComplete="new-password" {...form.register("confirmPassword")} />
      </Field>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Saving…" : "Change password"}
      </Button>
    </form>
  );
}
