"use client";

import { Controller, useFormContext, useWatch } from "react-hook-form";
import { Field, FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { RadioCard, RadioGroup } from "@/components/ui/radio-group";
import { Switch } from "@/components/ui/switch";
import { TestOptionsFields } from "@/components/connections/sections/test-options-fields";
import { TOKEN_SHARING_DESCRIPTIONS, TOKEN_SHARING_LABELS } from "@/lib/connections/connection-options";
import { tokenSharingFor } from "@/lib/connections/grant-fields";
import type { ConnectionFormValues } from "@/lib/schemas/connection";
import { REFRESH_MARGIN_MAX, TOKEN_LIFETIME_MAX, TOKEN_LIFETIME_MIN } from "@/lib/schemas/connection-values";

export function TokensSection() {
  const { control, register, formState } = useFormContext<ConnectionFormValues>();
  const { errors } = formState;
  const grantType = useWatch({ control, name: "grantType" });
  return (
    <div className="grid gap-5">
      <div className="grid gap-2">
        <span id="tokenSharing-label" className="text-sm leading-none font-medium">
          Token sharing
        </span>
        <Controller
          control={control}
          name="tokenSharing"
          render={({ field }) => (
            <RadioGroup
              aria-labelledby="tokenSharing-label"
              aria-describedby={errors.tokenSharing ? "tokenSharing-error" : undefined}
              value={field.value}
              onValueChange={field.onChange}
              onBlur={field.onBlur}
              name={field.name}
            >
              {tokenSharingFor(grantType).map((s) => (
                <RadioCard key={s} id={`tokenSharing-${s}`} value={s} title={TOKEN_SHARING_LABELS[s]} description={TOKEN_SHARING_DESCRIPTIONS[s]} />
              ))}
            </RadioGroup>
          )}
        />
        {grantType === "client_credentials" ? (
          <p className="text-xs text-muted-foreground">Per-user tokens need a user who signs in; client credentials have none.</p>
        ) : null}
        <FieldError id="tokenSharing-error" message={errors.tokenSharing?.message} />
      </div>
      <div className="grid gap-1.5">
        <div className="flex items-center gap-3">
          <Controller
            control={control}
            name="autoRefresh"
            render={({ field }) => (
              <Switch id="autoRefresh" checked={field.value} onCheckedChange={field.onChange} onBlur={field.onBlur} aria-describedby="autoRefresh-hint" />
            )}
          />
          <Label htmlFor="autoRefresh">Refresh tokens automatically</Label>
        </div>
        <p id="autoRefresh-hint" className="text-xs text-muted-foreground">
          {grantType === "client_credentials"
            ? "Requests a new token shortly before the current one expires."
            : "Uses the refresh token shortly before the access token expires. Providers often issue one only with an offline_access-style scope."}
        </p>
      </div>
      <Field
        id="defaultTokenLifetime"
        label="Default token lifetime"
        hint={`Seconds, used when a token response has no expires_in (${TOKEN_LIFETIME_MIN} to ${TOKEN_LIFETIME_MAX}).`}
        error={errors.defaultTokenLifetime?.message}
        className="max-w-xs"
      >
        <Input type="number" inputMode="numeric" min={TOKEN_LIFETIME_MIN} max={TOKEN_LIFETIME_MAX} step={1} {...register("defaultTokenLifetime", { valueAsNumber: true })} />
      </Field>
      <Field
        id="refreshMarginSeconds"
        label="Refresh margin"
        hint={`Seconds before expiry at which the token API and the automatic refresh renew a token (0 to ${REFRESH_MARGIN_MAX}). Keep it shorter than the provider's token lifetime, or every request refreshes.`}
        error={errors.refreshMarginSeconds?.message}
        className="max-w-xs"
      >
        <Input type="number" inputMode="numeric" min={0} max={REFRESH_MARGIN_MAX} step={1} {...register("refreshMarginSeconds", { valueAsNumber: true })} />
      </Field>
      <TestOptionsFields />
    </div>
  );
}
