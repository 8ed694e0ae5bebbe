"use client";

import * as React from "react";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/forms/form-field";
import { ActionForm, SubmitButton } from "@/components/forms/action-form";
import { useActionForm } from "@/components/forms/use-action-form";
import { useActionTransition } from "@/components/forms/use-action-transition";
import { ssoSettingsSchema, type SsoSettingsInput } from "@/lib/schemas/sso";
import type { SsoTestResult } from "@/lib/auth/sso-test";
import { saveSsoSettingsAction, testSsoSettingsAction } from "@/app/(console)/sign-in-settings/actions";

/** The IdP, the client and the role mapping; the secret is write-only. Then "Test sign-in settings". */
export function SsoSettingsForm({
  values,
  hasClientSecret,
  readOnly,
}: {
  values: SsoSettingsInput;
  hasClientSecret: boolean;
  readOnly: boolean;
}) {
  const [result, setResult] = React.useState<SsoTestResult>();
  const { pending, run } = useActionTransition();
  const { form, formProps } = useActionForm({
    schema: ssoSettingsSchema,
    defaultValues: values,
    action: saveSsoSettingsAction,
  });
  return (
    <ActionForm {...formProps} aria-label="Single sign-on settings" className="mb-6 grid gap-3 rounded-md border p-4">
      <fieldset disabled={readOnly} className="grid gap-3 sm:grid-cols-2">
        <InputField
          form={form}
          name="issuer"
          id="sso-issuer"
          label="Issuer URL"
          hint="Discovery is read from its /.well-known/openid-configuration."
        />
        <InputField form={form} name="clientId" id="sso-client-id" label="Client ID" autoComplete="off" />
        <InputField
          form={form}
          name="clientSecret"
          id="sso-client-secret"
          label="Client secret"
          hint={
            hasClientSecret
              ? "A secret is stored and never shown again. Leave empty to keep it."
              : "Sealed when saved; never shown again."
          }
          type="password"
          autoComplete="new-password"
        />
        <InputField
          form={form}
          name="scopes"
          id="sso-scopes"
          label="Scopes"
          hint="Separated by spaces; openid is required."
        />
        <InputField
          form={form}
          name="buttonLabel"
          id="sso-button-label"
          label="Button label"
          hint='The sign-in page shows "Sign in with <label>".'
        />
        <InputField
          form={form}
          name="roleClaim"
          id="sso-role-claim"
          label="Role claim"
          hint="The ID token or UserInfo claim with the groups or roles, e.g. groups."
        />
        <InputField
          form={form}
          name="adminValues"
          id="sso-admin-values"
          label="Claim values for Admin"
          hint="Separated by commas."
        />
        <InputField
          form={form}
          name="auditorValues"
          id="sso-auditor-values"
          label="Claim values for Auditor"
          hint="Separated by commas."
        />
        <InputField
          form={form}
          name="allowedDomains"
          id="sso-allowed-domains"
          label="Allowed e-mail domains"
          optional
          hint="Separated by commas; empty allows any."
        />
      </fieldset>
      {!readOnly && (
        <div className="flex flex-wrap gap-2">
          <SubmitButton pending={form.formState.isSubmitting} pendingLabel="Saving…">
            Save sign-in settings
          </SubmitButton>
          <Button
            type="button"
            variant="outline"
            disabled={pending || !hasClientSecret}
            onClick={() => run(testSsoSettingsAction, { quiet: true, refresh: true, onSuccess: setResult })}
          >
            {pending ? "Testing…" : "Test sign-in settings"}
          </Button>
        </div>
      )}
      {result && (
        <section aria-label="Test result" className="grid gap-1 text-sm">
          <p className="font-medium">
            {result.passed ? "Test passed: single sign-on can be switched on." : "Test failed."}
          </p>
          <ul className="list-disc pl-5">
            {result.steps.map((step) => (
              <li key={step.name}>
                {step.name}: {step.passed ? "passed" : "failed"}. {step.message}
              </li>
            ))}
          </ul>
        </section>
      )}
    </ActionForm>
  );
}
