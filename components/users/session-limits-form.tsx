"use client";

import { ActionForm, SubmitButton } from "@/components/forms/action-form";
import { InputField } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { sessionLimitsSchema, type SessionLimitsInput } from "@/lib/schemas/auth";
import { setSessionLimitsAction } from "@/app/(console)/users/actions";

const SESSION_LIMIT_FIELDS = [
  { name: "idleMinutes", id: "idle-minutes", label: "Idle timeout (minutes)" },
  { name: "lifetimeHours", id: "lifetime-hours", label: "Session lifetime (hours)" },
] as const;

/** The admin's session limits: idle timeout and absolute lifetime, for every user's sessions. */
export function SessionLimitsForm({ limits }: { limits: SessionLimitsInput }) {
  const { form, formProps } = useActionForm({
    schema: sessionLimitsSchema,
    defaultValues: limits,
    action: setSessionLimitsAction,
  });
  return (
    <ActionForm
      {...formProps}
      aria-label="Session limits"
      className="mb-4 grid gap-3 rounded-md border p-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
      errorClassName="sm:col-span-3"
    >
      {SESSION_LIMIT_FIELDS.map(({ name, id, label }) => (
        <InputField
          key={name}
          form={form}
          name={name}
          id={id}
          label={label}
          type="number"
          inputMode="numeric"
          valueAsNumber
        />
      ))}
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel="Saving…">
        Save session limits
      </SubmitButton>
    </ActionForm>
  );
}
