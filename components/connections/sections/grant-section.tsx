"use client";

import { Controller, useFormContext, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Field, FieldError } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/input";
import { RadioCard, RadioGroup } from "@/components/ui/radio-group";
import { GRANT_TYPE_DESCRIPTIONS, GRANT_TYPE_LABELS, GRANT_TYPES, type GrantType } from "@/lib/connections/connection-options";
import { valuesForGrant, type GrantDependentValues } from "@/lib/connections/grant-fields";
import type { ConnectionFormValues } from "@/lib/schemas/connection";

/**
 * Choices the chosen grant does not offer, kept per form (not per step: the admin may visit other
 * steps before switching back) to give back when the grant that offers them is chosen again.
 */
const DISPLACED = new WeakMap<object, Partial<GrantDependentValues>>();

export function GrantSection() {
  const { control, register, formState, getValues, setValue } = useFormContext<ConnectionFormValues>();
  const { errors } = formState;
  function changeGrant(next: GrantType, onChange: (value: GrantType) => void) {
    const { clientAuthMethod, tokenSharing } = getValues();
    const adjusted = valuesForGrant({ clientAuthMethod, tokenSharing }, next, DISPLACED.get(control) ?? {});
    DISPLACED.set(control, adjusted.displaced);
    for (const [name, value] of Object.entries(adjusted.changes)) setValue(name as keyof GrantDependentValues, value as never, { shouldDirty: true });
    onChange(next);
  }
  const grantType = useWatch({ control, name: "grantType" });
  const pkceMethod = useWatch({ control, name: "pkceMethod" });
  return (
    <div className="grid gap-5">
      <div className="grid gap-2">
        <span id="grantType-label" className="text-sm leading-none font-medium">
          Grant type
        </span>
        <Controller
          control={control}
          name="grantType"
          render={({ field }) => (
            <RadioGroup
              aria-labelledby="grantType-label"
              aria-describedby={errors.grantType ? "grantType-error" : undefined}
              value={field.value}
              onValueChange={(value) => changeGrant(value as GrantType, field.onChange)}
              onBlur={field.onBlur}
              name={field.name}
            >
              {GRANT_TYPES.map((g) => (
                <RadioCard key={g} id={`grantType-${g}`} value={g} title={GRANT_TYPE_LABELS[g]} description={GRANT_TYPE_DESCRIPTIONS[g]} />
              ))}
            </RadioGroup>
          )}
        />
        <FieldError id="grantType-error" message={errors.grantType?.message} />
      </div>
      {grantType === "authorization_code_pkce" ? (
        <>
          <Field id="pkceMethod" label="PKCE method" hint="S256 hashes the verifier; plain sends it as is." error={errors.pkceMethod?.message}>
            <NativeSelect {...register("pkceMethod")}>
              <option value="S256">S256 (recommended)</option>
              <option value="plain">plain</option>
            </NativeSelect>
          </Field>
          {pkceMethod === "plain" ? (
            <Alert variant="warning" data-testid="pkce-plain-warning">
              PKCE method plain gives no protection if the authorization request is seen by someone else (RFC 7636 §4.2, §7.2). Use it only
              for a provider that cannot do S256.
            </Alert>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
