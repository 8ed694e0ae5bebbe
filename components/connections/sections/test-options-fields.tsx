"use client";

import { Controller, useFormContext, useWatch } from "react-hook-form";
import { Field } from "@/components/ui/field";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { ChoiceOptions } from "@/components/ui/choice-options";
import { API_CHECK_METHODS } from "@/lib/connections/connection-options";
import type { ConnectionFormValues } from "@/lib/schemas/connection";
import { originOfUrl } from "@/lib/connections/secret-binding";
import { fieldLabel } from "@/lib/connections/connection-fields";

/** What a test does after it got a token: the optional API check, introspection and revocation. */
export function TestOptionsFields() {
  const { control, register, formState } = useFormContext<ConnectionFormValues>();
  const { errors } = formState;
  const apiCheckOrigin = originOfUrl(useWatch({ control, name: "apiCheckUrl" }));
  // RFC 9700 §4.9.1: whoever holds a bearer token can use it; the admin sees where it goes before saving.
  const apiCheckHint = apiCheckOrigin
    ? `Each admin test sends its access token (Bearer) to ${apiCheckOrigin}; the test passes only if the API answers with the expected status. A user's own token (Connect my account) is never sent there.`
    : "Called with the token (Bearer) after each admin test; the test passes only if the API answers with the expected status.";
  return (
    <fieldset className="grid gap-4 rounded-md border p-4">
      <legend className="px-1 text-sm font-medium">After a test gets a token</legend>
      <Field
        id="apiCheckUrl"
        label={fieldLabel("apiCheckUrl")}
        optional
        hint={apiCheckHint}
        error={errors.apiCheckUrl?.message}
      >
        <Input
          autoComplete="off"
          spellCheck={false}
          placeholder="https://api.example.com/v1/me"
          {...register("apiCheckUrl")}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="apiCheckMethod" label={fieldLabel("apiCheckMethod")} error={errors.apiCheckMethod?.message}>
          <NativeSelect {...register("apiCheckMethod")}>
            <ChoiceOptions choices={API_CHECK_METHODS} />
          </NativeSelect>
        </Field>
        <Field id="apiCheckStatus" label="Expected status" error={errors.apiCheckStatus?.message}>
          <Input
            type="number"
            inputMode="numeric"
            min={100}
            max={599}
            step={1}
            {...register("apiCheckStatus", { valueAsNumber: true })}
          />
        </Field>
      </div>
      {(["testIntrospection", "testRevocation"] as const).map((name) => (
        <div key={name} className="grid gap-1.5">
          <div className="flex items-center gap-3">
            <Controller
              control={control}
              name={name}
              render={({ field }) => (
                <Switch
                  id={name}
                  checked={field.value ?? false}
                  onCheckedChange={field.onChange}
                  onBlur={field.onBlur}
                  aria-describedby={`${name}-hint`}
                />
              )}
            />
            <Label htmlFor={name}>{fieldLabel(name)}</Label>
          </div>
          <p id={`${name}-hint`} className="text-xs text-muted-foreground">
            {name === "testIntrospection"
              ? "When the provider has an introspection endpoint (RFC 7662): report whether the token is active and its scope."
              : "When the provider has a revocation endpoint (RFC 7009): revoke what the test obtained at the end, so tests leave no live tokens (they are then not stored)."}
          </p>
        </div>
      ))}
    </fieldset>
  );
}
