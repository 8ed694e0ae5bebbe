import { TriangleAlert } from "lucide-react";
import { Alert, AlertTitle } from "@/components/ui/alert";
import type { LintWarning } from "@/lib/oauth/discovery-lint";

export function LintWarnings({ warnings }: { warnings: LintWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <Alert variant="warning" data-testid="lint-warnings">
      <AlertTitle className="flex items-center gap-2">
        <TriangleAlert className="size-4" aria-hidden />
        {warnings.length === 1 ? "1 thing to check" : `${warnings.length} things to check`}
      </AlertTitle>
      <ul className="list-disc space-y-1 pl-5">
        {warnings.map((w, i) => (
          <li key={`${w.code}-${i}`}>{w.message}</li>
        ))}
      </ul>
    </Alert>
  );
}
