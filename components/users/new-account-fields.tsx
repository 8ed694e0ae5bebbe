import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

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
      <Field id={`${idPrefix}email`} label="Email" error={form.getFieldState(email, form.formState).error?.message}>
        <Input type="email" autoComplete={own ? "username" : "off"} {...form.register(email)} />
      </Field>
      <Field
        id={`${idPrefix}name`}
        label="Name"
        optional
        error={form.getFieldState(name, form.formState).error?.message}
      >
        <Input autoComplete={own ? "name" : "off"} {...form.register(name)} />
      </Field>
    </>
  );
}
