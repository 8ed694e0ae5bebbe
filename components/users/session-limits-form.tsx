"use client";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/forms/form-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { sessionLimitsSchema, type SessionLimitsInput } from "@/lib/schemas/auth";
import { setSessionLimitsAction } from "@/app/(console)/users/actions";

/** The admin's session limits: idle timeout and absolute lifetime, for every user's sessions. */
export function SessionLimitsForm({ limits }: { limits: SessionLimitsInput }) {
  const { form, formError, onSubmit } = useActionForm({
    schema: sessionLimitsSchema,
    defaultValues: limits,
    action: setSessionLimitsAction,
  });
  const { errors, isSubmitting } = form.formState;
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
      <Field id="idle-minutes" label="Idle timeout (minutes)" error={errors.idleMinutes?.message}>
        <Input type="number" inputMode="numeric" {...form.register("idleMinutes", { valueAsNumber: true })} />
      </Field>
      <Field id="lifetime-hours" label="Session lifetime (hours)" error={errors.lifetimeHours?.message}>
        <Input type="number" inputMode="numeric" {...form.register("lifetimeHours", { valueAsNumber: true })} />
      </Field>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Saving…" : "Save session limits"}
      </Button>
    </form>
  );
}
