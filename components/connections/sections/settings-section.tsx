"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { CopyButton } from "@/components/ui/copy-button";
import { FormField } from "@/components/forms/form-field";
import { ConnectionInput, ConnectionSelect } from "@/components/connections/sections/connection-field";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { Alert } from "@/components/ui/alert";
import { ChoiceOptions } from "@/components/ui/choice-options";
import { findProviderPreset, PROVIDER_TYPES, providerLabel } from "@/lib/connections/provider-presets";
import { usesCallbackUrl } from "@/lib/connections/grant-fields";
import type { ConnectionFormValues } from "@/lib/schemas/connection";
import { DESCRIPTION_MAX, NAME_MAX } from "@/lib/schemas/connection-values";
import { fieldLabel } from "@/lib/connections/connection-fields";

export function SettingsSection({ callbackUrl }: { callbackUrl: string }) {
  const form = useFormContext<ConnectionFormValues>();
  const { register, control } = form;
  const providerType = useWatch({ control, name: "providerType" });
  const grantType = useWatch({ control, name: "grantType" });
  const preset = findProviderPreset(providerType);
  return (
    <div className="grid gap-5">
      <ConnectionSelect name="providerType" hint="A preset fills in the provider's endpoints and typical scopes.">
        <ChoiceOptions choices={PROVIDER_TYPES} label={providerLabel} />
      </ConnectionSelect>
      {preset?.placeholders.map((placeholder) => (
        <FormField
          key={`${preset.id}-${placeholder.key}`}
          form={form}
          name={`providerParams.${placeholder.key}`}
          id={`providerParams-${placeholder.key}`}
          label={placeholder.label}
          hint={placeholder.options ? placeholder.hint : `${placeholder.hint} For example: ${placeholder.example}`}
        >
          {placeholder.options ? (
            <NativeSelect {...register(`providerParams.${placeholder.key}`)}>
              <option value="">Choose…</option>
              {placeholder.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </NativeSelect>
          ) : (
            <Input
              autoComplete="off"
              spellCheck={false}
              placeholder={placeholder.example}
              {...register(`providerParams.${placeholder.key}`)}
            />
          )}
        </FormField>
      ))}
      {preset?.note ? <Alert>{preset.note}</Alert> : null}
      <ConnectionInput
        name="name"
        hint={`Unique, 3 to ${NAME_MAX} characters.`}
        autoComplete="off"
        maxLength={NAME_MAX}
      />
      <FormField form={form} name="description" label={fieldLabel("description")} optional>
        <Textarea maxLength={DESCRIPTION_MAX + 10} {...register("description")} />
      </FormField>
      {usesCallbackUrl(grantType) ? <CallbackUrlField callbackUrl={callbackUrl} /> : null}
    </div>
  );
}

/** The redirect URI to register at the provider, read-only with a copy button. */
function CallbackUrlField({ callbackUrl }: { callbackUrl: string }) {
  return (
    <div className="grid gap-1.5">
      <label htmlFor="callbackUrl" className="text-sm leading-none font-medium">
        Callback URL
      </label>
      <div className="flex gap-2">
        <Input
          id="callbackUrl"
          readOnly
          value={callbackUrl}
          className="font-mono"
          aria-describedby="callbackUrl-hint"
        />
        <CopyButton value={callbackUrl} label="Copy callback URL" />
      </div>
      <p id="callbackUrl-hint" className="text-xs text-muted-foreground">
        Register this exact URL as a redirect URI at the provider.
      </p>
    </div>
  );
}
