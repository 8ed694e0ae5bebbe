"use client";

import { useFormContext, useWatch } from "react-hook-form";
import {
  ConnectionInput,
  ConnectionSelect,
  ConnectionSwitch,
} from "@/components/connections/sections/connection-field";
import { RadioCardChoice } from "@/components/connections/sections/radio-card-choice";
import { TestOptionsFields } from "@/components/connections/sections/test-options-fields";
import {
  CHECK_SCHEDULE_LABELS,
  CHECK_SCHEDULES,
  TOKEN_SHARING_DESCRIPTIONS,
  TOKEN_SHARING_LABELS,
} from "@/lib/connections/connection-options";
import { ChoiceOptions } from "@/components/ui/choice-options";
import { tokenSharingFor } from "@/lib/connections/grant-fields";
import type { ConnectionFormValues } from "@/lib/schemas/connection";
import { REFRESH_MARGIN_MAX, TOKEN_LIFETIME_MAX, TOKEN_LIFETIME_MIN } from "@/lib/schemas/connection-values";
import { fieldLabel } from "@/lib/connections/connection-fields";

export function TokensSection() {
  const form = useFormContext<ConnectionFormValues>();
  const grantType = useWatch({ control: form.control, name: "grantType" });
  return (
    <div className="grid gap-5">
      <RadioCardChoice
        name="tokenSharing"
        label={fieldLabel("tokenSharing")}
        options={tokenSharingFor(grantType)}
        titles={TOKEN_SHARING_LABELS}
        descriptions={TOKEN_SHARING_DESCRIPTIONS}
        note={
          grantType === "client_credentials" ? (
            <p className="text-xs text-muted-foreground">
              Per-user tokens need a user who signs in; client credentials have none.
            </p>
          ) : null
        }
      />
      <ConnectionSwitch
        name="autoRefresh"
        hint={
          grantType === "client_credentials"
            ? "Requests a new token shortly before the current one expires."
            : "Uses the refresh token shortly before the access token expires. Providers often issue one only with an offline_access-style scope."
        }
      />
      <ConnectionSwitch
        name="useDpop"
        hint="Binds tokens to a key pair the console keeps (RFC 9449): token requests, refreshes, userinfo and the API check carry a DPoP proof. The private key never leaves the server; bots get proofs from the token API."
      />
      <ConnectionInput
        name="defaultTokenLifetime"
        hint={`Seconds, used when a token response has no expires_in (${TOKEN_LIFETIME_MIN} to ${TOKEN_LIFETIME_MAX}).`}
        className="max-w-xs"
        type="number"
        inputMode="numeric"
        min={TOKEN_LIFETIME_MIN}
        max={TOKEN_LIFETIME_MAX}
        step={1}
        valueAsNumber
      />
      <ConnectionInput
        name="refreshMarginSeconds"
        hint={`Seconds before expiry at which the token API and the automatic refresh renew a token (0 to ${REFRESH_MARGIN_MAX}). Keep it shorter than the provider's token lifetime, or every request refreshes.`}
        className="max-w-xs"
        type="number"
        inputMode="numeric"
        min={0}
        max={REFRESH_MARGIN_MAX}
        step={1}
        valueAsNumber
      />
      <ConnectionSelect
        name="checkSchedule"
        hint={
          grantType === "client_credentials"
            ? "Runs this connection's test in the background at its own minute of each hour or day, and sets its health (and the notifications that follow). The next check shows on the connection's page."
            : "Checks in the background, at its own minute of each hour or day, that the discovery document and key set answer, and refreshes stored tokens that are due. It cannot log in, so it is no test; a failure sets the health (and the notifications that follow)."
        }
        className="max-w-xs"
      >
        <ChoiceOptions choices={CHECK_SCHEDULES} label={(c) => CHECK_SCHEDULE_LABELS[c]} />
      </ConnectionSelect>
      <TestOptionsFields />
    </div>
  );
}
