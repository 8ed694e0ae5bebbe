"use client";

import { Button } from "@/components/ui/button";
import { InputField } from "@/components/forms/form-field";
import { FormError } from "@/components/forms/form-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { ssoSwitchSchema, type SsoSwitchInput } from "@/lib/schemas/sso";
import { setSsoSwitchAction } from "@/app/(console)/sign-in-settings/actions";

/** Single sign-on on or off (after a passed test), and local sign-in off but for break-glass accounts. */
export function SsoSwitchForm({
  values,
  tested,
  readOnly,
}: {
  values: SsoSwitchInput;
  tested: boolean;
  readOnly: boolean;
}) {
  const { form, formError, onSubmit } = useActionForm({
    schema: ssoSwitchSchema,
    defaultValues: values,
    action: setSsoSwitchAction,
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label="Single sign-on switch"
      className="grid gap-3 rounded-md border p-4"
    >
      <FormError message={formError} />
      {!tested && (
        <p className="text-sm text-muted-foreground">Test the sign-in settings before switching single sign-on on.</p>
      )}
      <fieldset disabled={readOnly} className="grid gap-3">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" defaultChecked={values.enabled} {...form.register("enabled")} />
          Single sign-on on
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" defaultChecked={values.localSignInOff} {...form.register("localSignInOff")} />
          Local sign-in off (except break-glass accounts)
        </label>
        {errors.localSignInOff?.message && <p className="text-sm text-destructive">{errors.localSignInOff.message}</p>}
        <InputField
          form={form}
          name="breakGlassEmails"
          id="sso-break-glass"
          label="Break-glass accounts"
          hint="E-mail addresses, separated by commas, that keep local sign-in."
        />
      </fieldset>
      {!readOnly && (
        <Button type="submit" disabled={isSubmitting} className="justify-self-start">
          {isSubmitting ? "Saving…" : "Save switch"}
        </Button>
      )}
    </form>
  );
}
