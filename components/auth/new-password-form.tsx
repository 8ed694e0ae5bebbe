"use client";

import type { ReactNode } from "react";
import type { DefaultValues, FieldValues, UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { AuthForm } from "@/components/auth/auth-form";
import { NewPasswordFields } from "@/components/auth/new-password-fields";
import { useSignInAndEnter } from "@/components/auth/use-sign-in-and-enter";
import { useActionForm } from "@/components/forms/use-action-form";
import type { ActionResult } from "@/lib/actions/action-result";

type NewPassword = { password: string; confirmPassword: string };

/**
 * Setup and the password change: the `children` fields, then a new password typed twice. Once the
 * action has saved it, the form signs in with that password and opens the console (a password
 * change ends every session of the user, this one included).
 */
export function NewPasswordForm<T extends FieldValues & NewPassword>({
  schema,
  defaultValues,
  action,
  passwordLabel,
  submitLabel,
  submittingLabel,
  children,
}: {
  schema: z.ZodType<T, FieldValues>;
  defaultValues: DefaultValues<T>;
  action: (values: T) => Promise<ActionResult<{ email: string }>>;
  passwordLabel: "Password" | "New password";
  submitLabel: string;
  submittingLabel: string;
  children: (form: UseFormReturn<T>) => ReactNode;
}) {
  const signInAndEnter = useSignInAndEnter();
  const { form, formProps } = useActionForm({
    schema,
    defaultValues,
    action,
    onSuccess: ({ email }, values) => signInAndEnter(email, values.password),
  });
  return (
    <AuthForm
      {...formProps}
      submitting={form.formState.isSubmitting}
      submitLabel={submitLabel}
      submittingLabel={submittingLabel}
    >
      {children(form)}
      <NewPasswordFields label={passwordLabel} form={form} />
    </AuthForm>
  );
}
