import { CopyButton } from "@/components/ui/copy-button";
import { cn } from "@/lib/utils";

/** A value the admin pastes somewhere else (a secret store, the provider's console): shown as code with a copy button. */
export function CopyableCode({
  value,
  copyLabel,
  testId,
  className,
  codeClassName,
}: {
  value: string;
  copyLabel: string;
  testId: string;
  className?: string;
  codeClassName?: string;
}) {
  return (
    <div className={cn("flex flex-wrap items-center gap-2", className)}>
      <code
        className={cn("break-all rounded bg-muted px-2 py-1 font-mono text-xs", codeClassName)}
        data-testid={testId}
      >
        {value}
      </code>
      <CopyButton value={value} label={copyLabel} />
    </div>
  );
}
