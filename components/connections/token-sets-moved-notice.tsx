"use client";

import { useFormContext, useWatch } from "react-hook-form";
import type { ConnectionFormValues } from "@/lib/schemas/connection";
import { tokenBindingChange, tokenBindingOf, type TokenBinding } from "@/lib/tokens/token-binding";

type BindingValues = Pick<ConnectionFormValues, "tokenUrl" | "issuer" | "clientId">;

function bindingOf(values: BindingValues): TokenBinding {
  // The form always names a token URL, which is where the tokens come from.
  return tokenBindingOf({
    tokenUrl: values.tokenUrl,
    issuer: values.issuer,
    clientId: values.clientId,
    discoveryMetadata: null,
  });
}

/**
 * Before saving: an edit that moves the token endpoint's origin, the issuer or the client ID marks
 * the stored token sets "needs re-authorization" (lib/tokens/token-binding.ts); say so while it can
 * still be undone. After a passed test, refreshes keep that test's configuration until the edited one
 * passes (lib/connections/good-configuration.ts), so the sets keep working until then.
 */
export function TokenSetsMovedNotice({
  baseline,
  storedTokenSets,
  testedConfiguration,
}: {
  baseline: BindingValues;
  storedTokenSets: number;
  testedConfiguration: boolean;
}) {
  const { control } = useFormContext<ConnectionFormValues>();
  const [tokenUrl, issuer, clientId] = useWatch({ control, name: ["tokenUrl", "issuer", "clientId"] });
  const change =
    storedTokenSets > 0 ? tokenBindingChange(bindingOf(baseline), bindingOf({ tokenUrl, issuer, clientId })) : null;
  if (!change) return null;
  const sets = storedTokenSets === 1 ? "the stored token set" : `all ${storedTokenSets} stored token sets`;
  if (testedConfiguration) {
    return (
      <p
        role="status"
        className="rounded-md border border-warning/40 bg-warning/10 p-3 text-sm"
        data-testid="token-sets-moved"
      >
        {change} Until this configuration passes a test, token refreshes keep the last tested one, so {sets} keep
        working. Once it passes, tokens issued before need re-authorization: they are never sent anywhere but where they
        were issued.
      </p>
    );
  }
  return (
    <p
      role="status"
      className="rounded-md border border-warning/40 bg-warning/10 p-3 text-sm"
      data-testid="token-sets-moved"
    >
      {change} Saving marks {sets} “needs re-authorization”: tokens are never sent anywhere but where they were issued.
      Test the connection after saving; users connect their accounts again.
    </p>
  );
}
