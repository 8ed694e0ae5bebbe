import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

export type Fact = [label: string, value: ReactNode];

/** Labels and values in two aligned columns; a description list, so assistive technology pairs each label with its value. */
export function FactList({
  facts,
  className,
  valueClassName,
  testId,
}: {
  facts: readonly Fact[];
  className?: string;
  valueClassName?: string;
  testId?: string;
}) {
  return (
    <dl className={cn("grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm", className)} data-testid={testId}>
      {facts.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted-foreground">{label}</dt>
          <dd className={valueClassName}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
