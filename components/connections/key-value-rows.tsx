"use client";

import { useFieldArray, useFormContext } from "react-hook-form";
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FieldError } from "@/components/ui/field";
import type { ConnectionFormValues } from "@/lib/schemas/connection";
import { MAX_EXTRA_PARAMETERS } from "@/lib/schemas/connection-values";

type RowsName = "authParams" | "tokenParams";

const ROW_PARTS = ["key", "value"] as const;
const PART_LABELS = { key: "Parameter name", value: "Parameter value" };

/** The name or the value of one parameter row, labelled for screen readers by its row number. */
function PartInput({
  name,
  index,
  part,
  placeholder,
  invalid,
}: {
  name: RowsName;
  index: number;
  part: (typeof ROW_PARTS)[number];
  placeholder: string;
  invalid: boolean;
}) {
  const { register } = useFormContext<ConnectionFormValues>();
  const id = `${name}-${index}-${part}`;
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {PART_LABELS[part]} {index + 1}
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
              {ROW_PARTS.map((part) => (
                <PartInput
                  key={part}
                  name={name}
                  index={index}
                  part={part}
                  placeholder={examples[part]}
                  invalid={Boolean(rowErrors?.[part])}
                />
              ))}
              <Button
                variant="ghost"
                size="icon"
                aria-label={`Remove parameter ${index + 1}`}
                onClick={() => remove(index)}
              >
                <Trash2 aria-hidden />
              </Button>
            </div>
            {ROW_PARTS.map((part) => (
              <FieldError key={part} id={`${name}-${index}-${part}-error`} message={rowErrors?.[part]?.message} />
            ))}
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
