"use client";

import type { ReactNode } from "react";
import { Controller, useFormContext, type FieldPathByValue } from "react-hook-form";
import { FieldError } from "@/components/ui/field";
import { RadioCard, RadioGroup } from "@/components/ui/radio-group";
import type { ConnectionFormValues } from "@/lib/schemas/connection";

/**
 * A connection setting chosen from a few cards, each with a title and a description. The group is
 * named by a visible label (a radio group has no single control a <label> could point at).
 */
export function RadioCardChoice<Value extends string>({
  name,
  label,
  options,
  titles,
  descriptions,
  onChoose,
  note,
}: {
  name: FieldPathByValue<ConnectionFormValues, string>;
  label: string;
  options: readonly Value[];
  titles: Record<Value, string>;
  descriptions: Record<Value, string>;
  /** Replaces the plain change, for a choice that adjusts other settings first. */
  onChoose?: (value: Value, onChange: (value: Value) => void) => void;
  /** Shown between the cards and an error. */
  note?: ReactNode;
}) {
  const { control, formState, getFieldState } = useFormContext<ConnectionFormValues>();
  const error = getFieldState(name, formState).error?.message;
  return (
    <div className="grid gap-2">
      <span id={`${name}-label`} className="text-sm leading-none font-medium">
        {label}
      </span>
      <Controller
        control={control}
        name={name}
        render={({ field }) => (
          <RadioGroup
            aria-labelledby={`${name}-label`}
            aria-describedby={error ? `${name}-error` : undefined}
            value={field.value}
            onValueChange={(value) => (onChoose ? onChoose(value as Value, field.onChange) : field.onChange(value))}
            onBlur={field.onBlur}
            name={field.name}
          >
            {options.map((option) => (
              <RadioCard
                key={option}
                id={`${name}-${option}`}
                value={option}
                title={titles[option]}
                description={descriptions[option]}
              />
            ))}
          </RadioGroup>
        )}
      />
      {note}
      <FieldError id={`${name}-error`} message={error} />
    </div>
  );
}
