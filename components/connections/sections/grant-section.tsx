"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { ConnectionSelect } from "@/components/connections/sections/connection-field";
import { RadioCardChoice } from "@/components/connections/sections/radio-card-choice";
import {
  GRANT_TYPE_DESCRIPTIONS,
  GRANT_TYPE_LABELS,
  GRANT_TYPES,
  type GrantType,
} from "@/lib/connections/connection-options";
import { valuesForGrant, type GrantDependentValues } from "@/lib/connections/grant-fields";
import type { ConnectionFormValues } from "@/lib/schemas/connection";
import { fieldLabel } from "@/lib/connections/connection-fields";

/**
 * Choices the chosen grant does not offer, kept per form (not per step: the admin may visit other
 * steps before switching back) to give back when the grant that offers them is chosen again.
 */
const DISPLACED = new WeakMap<object, Partial<GrantDependentValues>>();

export function GrantSection() {
  const form = useFormContext<ConnectionFormValues>();
  const { control, getValues, setValue } = form;
  function changeGrant(next: GrantType, onChange: (value: GrantType) => void) {
    const { clientAuthMethod, tokenSharing } = getValues();
    const adjusted = valuesForGrant({ clientAuthMethod, tokenSharing }, next, DISPLACED.get(control) ?? {});
    DISPLACED.set(control, adjusted.displaced);
    for (const [name, value] of Object.entries(adjusted.changes))
      setValue(name as keyof GrantDependentValues, value as never, { shouldDirty: true });
    onChange(next);
  }
  const grantType = useWatch({ control, name: "grantType" });
  const pkceMethod = useWatch({ control, name: "pkceMethod" });
  return (
    <div className="grid gap-5">
      <RadioCardChoice
        name="grantType"
        label={fieldLabel("grantType")}
        options={GRANT_TYPES}
        titles={GRANT_TYPE_LABELS}
        descriptions={GRANT_TYPE_DESCRIPTIONS}
        onChoose={changeGrant}
      />
      {grantType === "authorization_code_pkce" ? (
        <>
          <ConnectionSelect name="pkceMethod" hint="S256 hashes the verifier; plain sends it as is.">
            <option value="S256">S256 (recommended)</option>
            <option value="plain">plain</option>
          </ConnectionSelect>
          {pkceMethod === "plain" ? (
            <Alert variant="warning" data-testid="pkce-plain-warning">
              PKCE method plain gives no protection if the authorization request is seen by someone else (RFC 7636 §4.2,
              §7.2). Use it only for a provider that cannot do S256.
            </Alert>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
