import type { PropsWithChildren, ReactNode } from "react";
import { Alert, AlertTitle } from "@/components/ui/alert";

/**
 * A filtered list page whose filters cannot be applied: why, above the filter form with the
 * fields marked, and no results (nothing the admin typed is lost).
 */
export function FiltersNotApplied({
  header,
  form,
  testId,
  children,
}: PropsWithChildren<{ header: ReactNode; form: ReactNode; testId: string }>) {
  return (
    <div className="grid gap-6">
      {header}
      <Alert variant="destructive" data-testid={testId}>
        <AlertTitle>These filters cannot be applied</AlertTitle>
        {children}
      </Alert>
      {form}
    </div>
  );
}
