import type { FieldValues, UseFormReturn } from "react-hook-form";
import { fieldOf, InputField } from "@/components/forms/form-field";
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
  return (
    <>
      <InputField
        {...fieldOf(form, "password")}
        label={label}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        type="password"
        autoComplete="new-password"
      />
      <InputField
        {...fieldOf(form, "confirmPassword")}
        label={`Confirm ${label.toLowerCase()}`}
        type="password"
        autoComplete="new-password"
      />
    </>
  );
}
