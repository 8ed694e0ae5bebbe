import type { FieldValues, UseFormReturn } from "react-hook-form";
import { fieldOf, InputField } from "@/components/forms/form-field";

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
  return (
    <>
      <InputField
        {...fieldOf(form, "email")}
        id={`${idPrefix}email`}
        label="Email"
        type="email"
        autoComplete={own ? "username" : "off"}
      />
      <InputField
        {...fieldOf(form, "name")}
        id={`${idPrefix}name`}
        label="Name"
        optional
        autoComplete={own ? "name" : "off"}
      />
    </>
  );
}
