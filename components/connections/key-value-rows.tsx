"use client";

import { useFieldArray, useFormContext } from "react-hook-form";
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FieldError } from "@/components/ui/field";
import type { ConnectionFormValues } from "@/lib/schemas/connection";
import { MAX_EXTRA_PARAMETERS } from "@/lib/schemas/connection-values";

type RowsName = "authParams" | "tokenParams";

/** The name or the value of one parameter row, labelled for screen readers by its row number. */
function PartInput({
  name,
  index,
  part,
  label,
  placeholder,
  invalid,
}: {
  name: RowsName;
  index: number;
  part: "key" | "value";
  label: string;
  placeholder: string;
  invalid: boolean;
}) {
  const { register } = useFormContext<ConnectionFormValues>();
  const id = `${name}-${index}-${part}`;
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label} {index + 1}
      </label>
      <Input
        id={id}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        {...register(`${name}.${index}.${part}`)}
      />
    </>
  );
}

/** Key/value rows for additional authorization or token request parameters. */
export function KeyValueRows({
  name,
  legend,
  hint,
  addLabel,
  examples = { key: "name, e.g. prompt", value: "value, e.g. consent" },
}: {
  name: RowsName;
  legend: string;
  hint: string;
  addLabel: string;
  /** Placeholders: an example that belongs in this kind of request (prompt is an authorization parameter only). */
  examples?: { key: string; value: string };
}) {
  const { control, formState } = useFormContext<ConnectionFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name });
  const errors = formState.errors[name];
  const hintId = `${name}-hint`;
  return (
    <fieldset className="grid gap-2" aria-describedby={hintId}>
      <legend className="mb-1 text-sm font-medium">
        {legend}
        <span className="ml-1 font-normal text-muted-foreground">(optional)</span>
      </legend>
      <p id={hintId} className="text-xs text-muted-foreground">
        {hint}
      </p>
      {fields.map((field, index) => {
        const rowErrors = errors?.[index];
        return (
          <div key={field.id} className="grid gap-1" data-testid={`${name}-row`}>
            <div className="grid grid-cols-[1fr_1fr_auto] items-start gap-2">
              <PartInput
                name={name}
                index={index}
                part="key"
                label="Parameter name"
                placeholder={examples.key}
                invalid={Boolean(rowErrors?.key)}
              />
              <PartInput
                name={name}
                index={index}
                part="value"
                label="Parameter value"
                placeholder={examples.value}
                invalid={Boolean(rowErrors?.value)}
              />
              <Button
                variant="ghost"
                size="icon"
                aria-label={`Remove parameter ${index + 1}`}
                onClick={() => remove(index)}
              >
                <Trash2 aria-hidden />
              </Button>
            </div>
            <FieldError id={`${name}-${index}-key-error`} message={rowErrors?.key?.message} />
            <FieldError id={`${name}-${index}-value-error`} message={rowErrors?.value?.message} />
          </div>
        );
      })}
      <FieldError message={errors?.message ?? errors?.root?.message} />
      <div>
        <Button
          variant="outline"
          size="sm"
          disabled={fields.length >= MAX_EXTRA_PARAMETERS}
          onClick={() => append({ key: "", value: "" })}
        >
          <Plus aria-hidden />
          {addLabel}
        </Button>
      </div>
    </fieldset>
  );
}
