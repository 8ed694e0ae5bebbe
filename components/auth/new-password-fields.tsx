import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { InputField } from "@/components/forms/form-field";
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
      <InputField
        form={form}
        name={password}
        label={label}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        type="password"
        autoComplete="new-password"
      />
      <InputField
        form={form}
        name={confirmPassword}
        label={`Confirm ${label.toLowerCase()}`}
        type="password"
        autoComplete="new-password"
      />
    </>
  );
}
