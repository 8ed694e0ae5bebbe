"use client";

import type * as React from "react";
import { useFormContext, type Path } from "react-hook-form";
import { InputField, SelectField, SwitchField } from "@/components/forms/form-field";
import { ChoiceOptions } from "@/components/ui/choice-options";
import type { ConnectionFormValues } from "@/lib/schemas/connection";
import { fieldLabel, type ConnectionFieldName } from "@/lib/connections/connection-fields";

type Named<P> = Omit<P, "form" | "name" | "label"> & { name: ConnectionFieldName & Path<ConnectionFormValues> };

/** The form, name and label of a connection form field: its label is the field's (lib/connections/fields). */
function useConnectionField(name: Named<object>["name"]) {
  return { form: useFormContext<ConnectionFormValues>(), name, label: fieldLabel(name) };
}

/** A connection form input by field name. */
export function ConnectionInput({
  name,
  ...props
}: Named<React.ComponentProps<typeof InputField<ConnectionFormValues>>>) {
  return <InputField {...useConnectionField(name)} {...props} />;
}

/** A connection form select by field name; `children` are its options. */
export function ConnectionSelect({
  name,
  ...props
}: Named<React.ComponentProps<typeof SelectField<ConnectionFormValues>>>) {
  return <SelectField {...useConnectionField(name)} {...props} />;
}

/** A connection form select whose options are a record of choice to label, in the record's order. */
export function ConnectionChoiceSelect<Choice extends string>({
  labels,
  ...props
}: Omit<React.ComponentProps<typeof ConnectionSelect>, "children"> & { labels: Record<Choice, string> }) {
  return (
    <ConnectionSelect {...props}>
      <ChoiceOptions choices={Object.keys(labels) as Choice[]} label={(choice) => labels[choice]} />
    </ConnectionSelect>
  );
}

/** A connection form switch by field name. */
export function ConnectionSwitch({ name, hint }: { name: Named<object>["name"]; hint: React.ReactNode }) {
  return <SwitchField {...useConnectionField(name)} hint={hint} />;
}
