import type { FormEventHandler, ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/forms/form-error";

/** The sign-in, setup and password forms: an error above, the fields, one full-width submit button. */
export function AuthForm({
  onSubmit,
  error,
  submitting,
  submitLabel,
  submittingLabel,
  children,
}: {
  onSubmit: FormEventHandler<HTMLFormElement>;
  error?: string;
  submitting: boolean;
  submitLabel: string;
  submittingLabel: string;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      <FormError message={error} />
      {children}
      <Button type="submit" disabled={submitting}>
        {submitting ? submittingLabel : submitLabel}
      </Button>
    </form>
  );
}
