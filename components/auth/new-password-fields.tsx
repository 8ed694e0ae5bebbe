import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";

type NewPassword = { password: string; confirmPassword: string };

/** A new password typed twice, as setup and the password change ask for it. */
export function NewPasswordFields<Values extends FieldValues & NewPassword>({
  label,
  form,
}: {
  label: "Password" | "New password";
  form: UseFormReturn<Values>;
}) {
  // The constraint guarantees both fields; TypeScript cannot narrow a generic form's paths by itself.
  const password = "password" as Path<Values>;
  const confirmPassword = "confirmPassword" as Path<Values>;
  return (
    <>
      <Field
        id="password"
        label={label}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        error={form.getFieldState(password, form.formState).error?.message}
      >
        <Input type="password" autoComplete="new-password" {...form.register(password)} />
      </Field>
      <Field
        id="confirmPassword"
        label={`Confirm ${label.toLowerCase()}`}
        error={form.getFieldState(confirmPassword, form.formState).error?.message}
      >
        <Input type="password" autoComplete="new-password" {...form.register(confirmPassword)} />
      </Field>
    </>
  );
}
