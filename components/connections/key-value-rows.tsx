"use client";

import { useFieldArray, useFormContext } from "react-hook-form";
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FieldError } from "@/components/ui/field";
import type { ConnectionFormValues } from "@/lib/schemas/connection";
import { MAX_EXTRA_PARAMETERS } from "@/lib/schemas/connection-values";

/** Key/value rows for additional authorization or token request parameters. */
export function KeyValueRows({
  name,
  legend,
  hint,
  addLabel,
  examples = { key: "name, e.g. prompt", value: "value, e.g. consent" },
}: {
  name: "authParams" | "tokenParams";
  legend: string;
  hint: string;
  addLabel: string;
  /** Placeholders: an example that belongs in this kind of request (prompt is an authorization parameter only). */
  examples?: { key: string; value: string };
}) {
  const { control, register, formState } = useFormContext<ConnectionFormValues>();
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
              <label htmlFor={`${name}-${index}-key`} className="sr-only">
                Parameter name {index + 1}
              </label>
              <Input
                id={`${name}-${index}-key`}
                placeholder={examples.key}
                autoComplete="off"
                spellCheck={false}
                aria-invalid={rowErrors?.key ? true : undefined}
                aria-describedby={rowErrors?.key ? `${name}-${index}-key-error` : undefined}
                {...register(`${name}.${index}.key`)}
              />
              <label htmlFor={`${name}-${index}-value`} className="sr-only">
                Parameter value {index + 1}
              </label>
              <Input
                id={`${name}-${index}-value`}
                placeholder={examples.value}
                autoComplete="off"
                spellCheck={false}
                aria-invalid={rowErrors?.value ? true : undefined}
                aria-describedby={rowErrors?.value ? `${name}-${index}-value-error` : undefined}
                {...register(`${name}.${index}.value`)}
              />
              <Button variant="ghost" size="icon" aria-label={`Remove parameter ${index + 1}`} onClick={() => remove(index)}>
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
        <Button variant="outline" size="sm" disabled={fields.length >= MAX_EXTRA_PARAMETERS} onClick={() => append({ key: "", value: "" })}>
          <Plus aria-hidden />
          {addLabel}
        </Button>
      </div>
    </fieldset>
  );
}
