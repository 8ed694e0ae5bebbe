"use client";

import { ActionForm, SubmitButton } from "@/components/forms/action-form";
import { InputField } from "@/components/forms/form-field";
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
  const { form, formProps } = useActionForm({
    schema: ssoSwitchSchema,
    defaultValues: values,
    action: setSsoSwitchAction,
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <ActionForm {...formProps} aria-label="Single sign-on switch" className="grid gap-3 rounded-md border p-4">
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
        <SubmitButton pending={isSubmitting} pendingLabel="Saving…" className="justify-self-start">
          Save switch
        </SubmitButton>
      )}
    </ActionForm>
  );
}
