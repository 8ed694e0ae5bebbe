import type { ReactNode } from "react";
import { TriangleAlert } from "lucide-react";
import { Alert, AlertTitle } from "@/components/ui/alert";
import type { LintWarning } from "@/lib/oauth/discovery-lint";

/** What the provider's metadata says about the settings; `fixFor` renders a one-click fix next to a finding. */
export function LintWarnings({
  warnings,
  fixFor,
}: {
  warnings: LintWarning[];
  fixFor?: (warning: LintWarning) => ReactNode;
}) {
  if (warnings.length === 0) return null;
  return (
    <Alert variant="warning" data-testid="lint-warnings">
      <AlertTitle className="flex items-center gap-2">
        <TriangleAlert className="size-4" aria-hidden />
        {warnings.length === 1 ? "1 thing to check" : `${warnings.length} things to check`}
      </AlertTitle>
      <ul className="list-disc space-y-2 pl-5">
        {warnings.map((w, i) => (
          <li key={`${w.code}-${i}`} className="wrap-anywhere">
            {w.message}
            {fixFor ? <span className="mt-1 block">{fixFor(w)}</span> : null}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
