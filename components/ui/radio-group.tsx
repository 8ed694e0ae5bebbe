"use client";

import * as React from "react";
import { RadioGroup as RadioPrimitive } from "radix-ui";
import { cn } from "@/lib/utils";

export function RadioGroup({ className, ...props }: React.ComponentProps<typeof RadioPrimitive.Root>) {
  return <RadioPrimitive.Root className={cn("grid gap-2", className)} {...props} />;
}

/** A radio option rendered as a selectable card with a title and description. */
export function RadioCard({
  id,
  value,
  title,
  description,
}: {
  id: string;
  value: string;
  title: string;
  description?: React.ReactNode;
}) {
  return (
    <label
      htmlFor={id}
      className="flex cursor-pointer items-start gap-3 rounded-lg border bg-card p-3 has-[[data-state=checked]]:border-primary has-[[data-state=checked]]:bg-accent/50"
    >
      <RadioPrimitive.Item
        id={id}
        value={value}
        aria-labelledby={`${id}-title`}
        aria-describedby={description ? `${id}-description` : undefined}
        className="mt-0.5 grid size-4 shrink-0 place-items-center rounded-full border border-input data-[state=checked]:border-primary"
      >
        <RadioPrimitive.Indicator className="size-2 rounded-full bg-primary" />
      </RadioPrimitive.Item>
      <span className="grid gap-0.5">
        <span id={`${id}-title`} className="text-sm font-medium">
          {title}
        </span>
        {description ? (
          <span id={`${id}-description`} className="text-xs text-muted-foreground">
            {description}
          </span>
        ) : null}
      </span>
    </label>
  );
}
