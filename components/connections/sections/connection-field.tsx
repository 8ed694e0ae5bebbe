"use client";

import type * as React from "react";
import { useFormContext, type Path } from "react-hook-form";
import { InputField, SelectField, SwitchField } from "@/components/forms/form-field";
import type { ConnectionFormValues } from "@/lib/schemas/connection";
import { fieldLabel, type ConnectionFieldName } from "@/lib/connections/connection-fields";

type Named<P> = Omit<P, "form" | "name" | "label"> & { name: ConnectionFieldName & Path<ConnectionFormValues> };

/** A connection form input by field name: its label is the field's (lib/connections/fields). */
export function ConnectionInput({
  name,
  ...props
}: Named<React.ComponentProps<typeof InputField<ConnectionFormValues>>>) {
  const form = useFormContext<ConnectionFormValues>();
  return <InputField form={form} name={name} label={fieldLabel(name)} {...props} />;
}

/** A connection form select by field name; `children` are its options. */
export function ConnectionSelect({
  name,
  ...props
}: Named<React.ComponentProps<typeof SelectField<ConnectionFormValues>>>) {
  const form = useFormContext<ConnectionFormValues>();
  return <SelectField form={form} name={name} label={fieldLabel(name)} {...props} />;
}

/** A connection form switch by field name. */
export function ConnectionSwitch({ name, hint }: { name: Named<object>["name"]; hint: React.ReactNode }) {
  const form = useFormContext<ConnectionFormValues>();
  return <SwitchField form={form} name={name} label={fieldLabel(name)} hint={hint} />;
}
