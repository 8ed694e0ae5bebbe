"use client";

import type * as React from "react";
import {
  Controller,
  get,
  type FieldError as FormFieldError,
  type FieldValues,
  type Path,
  type UseFormReturn,
} from "react-hook-form";
import { Field, FieldError } from "@/components/ui/field";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { RadioCard, RadioGroup } from "@/components/ui/radio-group";
import { ChecklistGroup } from "@/components/ui/checklist-group";

type FieldProps<T extends FieldValues> = {
  form: UseFormReturn<T>;
  name: Path<T>;
  /** The control's id; the field's name when not given. */
  id?: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  optional?: boolean;
  className?: string;
};

/**
 * `form` and one of its fields, for a component that takes any form with that field: its type
 * constraint guarantees the field, but TypeScript cannot narrow a generic form's paths by itself.
 */
export function fieldOf<T extends FieldValues>(form: UseFormReturn<T>, name: keyof T & string) {
  return { form, name: name as Path<T> };
}

function errorOf<T extends FieldValues>(form: UseFormReturn<T>, name: Path<T>): string | undefined {
  return (get(form.formState.errors, name) as FormFieldError | undefined)?.message;
}

/** A labelled field of a react-hook-form form: its error is the form's for `name`. */
export function FormField<T extends FieldValues>({
  form,
  name,
  id = name,
  children,
  ...field
}: FieldProps<T> & { children: React.ComponentProps<typeof Field>["children"] }) {
  return (
    <Field id={id} error={errorOf(form, name)} {...field}>
      {children}
    </Field>
  );
}

/**
 * A text-like input registered under `name` (`valueAsNumber` for a number input). `className`
 * styles the field around it, `inputClassName` the input itself.
 */
export function InputField<T extends FieldValues>({
  form,
  name,
  id,
  label,
  hint,
  optional,
  className,
  inputClassName,
  valueAsNumber,
  ...input
}: FieldProps<T> &
  Omit<React.ComponentProps<"input">, "form" | "name" | "id" | "className"> & {
    inputClassName?: string;
    valueAsNumber?: boolean;
  }) {
  return (
    <FormField form={form} name={name} id={id} label={label} hint={hint} optional={optional} className={className}>
      <Input
        className={inputClassName}
        {...input}
        {...form.register(name, valueAsNumber ? { valueAsNumber } : undefined)}
      />
    </FormField>
  );
}

/** A select registered under `name`; `children` are its options. */
export function SelectField<T extends FieldValues>({
  form,
  name,
  children,
  ...field
}: FieldProps<T> & { children: React.ReactNode }) {
  return (
    <FormField form={form} name={name} {...field}>
      <NativeSelect {...form.register(name)}>{children}</NativeSelect>
    </FormField>
  );
}

/** An on/off switch under `name`, with its label beside it and its hint below. */
export function SwitchField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
}: Pick<FieldProps<T>, "form" | "name" | "label"> & { hint: React.ReactNode }) {
  const hintId = `${name}-hint`;
  return (
    <div className="grid gap-1.5">
      <div className="flex items-center gap-3">
        <Controller
          control={form.control}
          name={name}
          render={({ field }) => (
            <Switch
              id={name}
              checked={field.value ?? false}
              onCheckedChange={field.onChange}
              onBlur={field.onBlur}
              aria-describedby={hintId}
            />
          )}
        />
        <Label htmlFor={name}>{label}</Label>
      </div>
      <p id={hintId} className="text-xs text-muted-foreground">
        {hint}
      </p>
      <FieldError id={`${name}-error`} message={errorOf(form, name)} />
    </div>
  );
}

/** The items a "chosen" choice ticks: a checklist under its own `name`, shown while that choice is made. */
type ChosenItems<T extends FieldValues> = {
  /** The choice that shows the checklist. */
  shownFor: string;
  name: Path<T>;
  label: string;
  items: React.ComponentProps<typeof ChecklistGroup>["items"];
  empty?: React.ReactNode;
};

/** A choice of radio cards under `name`; the legend names the group. A `checklist` follows the cards, with its error. */
export function RadioCardsField<T extends FieldValues>({
  form,
  name,
  legend,
  choices,
  disabled,
  checklist,
}: Pick<FieldProps<T>, "form" | "name"> & {
  legend: string;
  choices: React.ComponentProps<typeof RadioCard>[];
  disabled?: boolean;
  checklist?: ChosenItems<T>;
}) {
  return (
    <fieldset className="grid gap-2" disabled={disabled}>
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      <Controller
        control={form.control}
        name={name}
        render={({ field }) => (
          <>
            <RadioGroup value={field.value} onValueChange={field.onChange} aria-label={legend}>
              {choices.map((choice) => (
                <RadioCard key={choice.value} {...choice} />
              ))}
            </RadioGroup>
            {checklist && field.value === checklist.shownFor ? (
              <ChecklistGroup
                label={checklist.label}
                items={checklist.items}
                registration={form.register(checklist.name)}
                empty={checklist.empty}
              />
            ) : null}
          </>
        )}
      />
      {checklist ? <FieldError message={errorOf(form, checklist.name)} /> : null}
    </fieldset>
  );
}
