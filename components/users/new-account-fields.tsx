import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { InputField } from "@/components/forms/form-field";

type NewAccount = { email: string; name?: string };

/**
 * The email and optional name of a new account: at setup the first admin's own (the browser may
 * fill them in and remember them), in Add user a colleague's (nothing to fill in or remember).
 */
export function NewAccountFields<Values extends FieldValues & NewAccount>({
  form,
  own,
  idPrefix = "",
}: {
  form: UseFormReturn<Values>;
  own: boolean;
  idPrefix?: string;
}) {
  // The constraint guarantees both fields; TypeScript cannot narrow a generic form's paths by itself.
  const email = "email" as Path<Values>;
  const name = "name" as Path<Values>;
  return (
    <>
      <InputField
        form={form}
        name={email}
        id={`${idPrefix}email`}
        label="Email"
        type="email"
        autoComplete={own ? "username" : "off"}
      />
      <InputField
        form={form}
        name={name}
        id={`${idPrefix}name`}
        label="Name"
        optional
        autoComplete={own ? "name" : "off"}
      />
    </>
  );
}
