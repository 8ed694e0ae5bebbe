import type { UseFormRegisterReturn } from "react-hook-form";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";

/** A new password typed twice, as setup and the password change ask for it. */
export function NewPasswordFields({
  label,
  password,
  confirmPassword,
  errors,
}: {
  label: "Password" | "New password";
  password: UseFormRegisterReturn;
  confirmPassword: UseFormRegisterReturn;
  errors: { password?: string; confirmPassword?: string };
}) {
  return (
    <>
      <Field id="password" label={label} hint={`At least ${PASSWORD_MIN_LENGTH} characters.`} error={errors.password}>
        <Input type="password" autoComplete="new-password" {...password} />
      </Field>
      <Field id="confirmPassword" label={`Confirm ${label.toLowerCase()}`} error={errors.confirmPassword}>
        <Input type="password" autoComplete="new-password" {...confirmPassword} />
      </Field>
    </>
  );
}
