"use client";

import { Button } from "@/components/ui/button";
import { InputField } from "@/components/forms/form-field";
import { FormError } from "@/components/forms/form-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { sessionLimitsSchema, type SessionLimitsInput } from "@/lib/schemas/auth";
import { setSessionLimitsAction } from "@/app/(console)/users/actions";

const SESSION_LIMIT_FIELDS = [
  { name: "idleMinutes", id: "idle-minutes", label: "Idle timeout (minutes)" },
  { name: "lifetimeHours", id: "lifetime-hours", label: "Session lifetime (hours)" },
] as const;

/** The admin's session limits: idle timeout and absolute lifetime, for every user's sessions. */
export function SessionLimitsForm({ limits }: { limits: SessionLimitsInput }) {
  const { form, formError, onSubmit } = useActionForm({
    schema: sessionLimitsSchema,
    defaultValues: limits,
    action: setSessionLimitsAction,
  });
  const { isSubmitting } = form.formState;
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label="Session limits"
      className="mb-4 grid gap-3 rounded-md border p-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
    >
      <div className="sm:col-span-3">
        <FormError message={formError} />
      </div>
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
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Saving…" : "Save session limits"}
      </Button>
    </form>
  );
}
