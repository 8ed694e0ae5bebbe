import type { FormEventHandler, ReactNode } from "react";
import { ActionForm, SubmitButton } from "@/components/forms/action-form";

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
    <ActionForm onSubmit={onSubmit} error={error} className="grid gap-4">
      {children}
      <SubmitButton pending={submitting} pendingLabel={submittingLabel}>
        {submitLabel}
      </SubmitButton>
    </ActionForm>
  );
}
