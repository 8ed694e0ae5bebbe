"use client";

import { useFormContext } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { ConnectionSummary } from "@/components/connections/connection-summary";
import { LintWarnings } from "@/components/connections/lint-warnings";
import type { ConnectionStepId } from "@/lib/connections/connection-steps";
import type { StoredSecret } from "@/lib/connections/masked-secret";
import type { ConnectionFormValues } from "@/lib/schemas/connection";
import { lintConnection, lintedConnectionFrom } from "@/lib/oauth/discovery-lint";

/** The wizard's last step: the discovery lint (with its one-click scope fixes) above the summary of every setting. */
export function WizardReviewStep({
  values,
  storedSecret,
  callbackUrl,
  onEdit,
}: {
  values: ConnectionFormValues;
  storedSecret: StoredSecret;
  callbackUrl: string;
  onEdit: (step: ConnectionStepId) => void;
}) {
  const form = useFormContext<ConnectionFormValues>();
  const warnings = lintConnection(lintedConnectionFrom(values), values.discoveryMetadata ?? null);
  return (
    <>
      <LintWarnings
        warnings={warnings}
        fixFor={(w) =>
          w.addScope ? (
            <Button
              size="sm"
              variant="outline"
              onClick={() => form.setValue("scopes", [...values.scopes, w.addScope!], { shouldDirty: true })}
            >
              Add {w.addScope}
            </Button>
          ) : null
        }
      />
      <ConnectionSummary data={{ ...values, ...storedSecret }} callbackUrl={callbackUrl} onEdit={onEdit} />
    </>
  );
}
