"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { InputField } from "@/components/forms/form-field";
import {
  ConnectionInput,
  ConnectionSelect,
  ConnectionSwitch,
} from "@/components/connections/sections/connection-field";
import { ChoiceOptions } from "@/components/ui/choice-options";
import { API_CHECK_METHODS } from "@/lib/connections/connection-options";
import type { ConnectionFormValues } from "@/lib/schemas/connection";
import { originOfUrl } from "@/lib/connections/secret-binding";

/** What a test does after it got a token: the optional API check, introspection and revocation. */
export function TestOptionsFields() {
  const form = useFormContext<ConnectionFormValues>();
  const apiCheckOrigin = originOfUrl(useWatch({ control: form.control, name: "apiCheckUrl" }));
  // RFC 9700 §4.9.1: whoever holds a bearer token can use it; the admin sees where it goes before saving.
  const apiCheckHint = apiCheckOrigin
    ? `Each admin test sends its access token (Bearer) to ${apiCheckOrigin}; the test passes only if the API answers with the expected status. A user's own token (Connect my account) is never sent there.`
    : "Called with the token (Bearer) after each admin test; the test passes only if the API answers with the expected status.";
  return (
    <fieldset className="grid gap-4 rounded-md border p-4">
      <legend className="px-1 text-sm font-medium">After a test gets a token</legend>
      <ConnectionInput
        name="apiCheckUrl"
        optional
        hint={apiCheckHint}
        autoComplete="off"
        spellCheck={false}
        placeholder="https://api.example.com/v1/me"
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <ConnectionSelect name="apiCheckMethod">
          <ChoiceOptions choices={API_CHECK_METHODS} />
        </ConnectionSelect>
        <InputField
          form={form}
          name="apiCheckStatus"
          label="Expected status"
          type="number"
          inputMode="numeric"
          min={100}
          max={599}
          step={1}
          valueAsNumber
        />
      </div>
      <ConnectionSwitch
        name="testIntrospection"
        hint="When the provider has an introspection endpoint (RFC 7662): report whether the token is active and its scope."
      />
      <ConnectionSwitch
        name="testRevocation"
        hint="When the provider has a revocation endpoint (RFC 7009): revoke what the test obtained at the end, so tests leave no live tokens (they are then not stored)."
      />
    </fieldset>
  );
}
