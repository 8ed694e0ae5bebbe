"use client";

import * as React from "react";
import { Wrench } from "lucide-react";
import { Button } from "@/components/ui/button";
import { applyTestFixAction } from "@/app/(console)/connections/fix-actions";

/** Applies exactly the change the probes found, on the admin's click; never on its own. */
export function ApplyFixButton({
  connectionId,
  testRunId,
  action,
}: {
  connectionId: string;
  testRunId: string;
  action: string;
}) {
  const [pending, startTransition] = React.useTransition();
  const [outcome, setOutcome] = React.useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div role="group" aria-label="Suggested fix" className="mt-3 flex flex-wrap items-center gap-3">
      <Button
        disabled={pending || outcome?.ok === true}
        onClick={() =>
          startTransition(async () => {
            const result = await applyTestFixAction(connectionId, testRunId);
            setOutcome(
              result.ok ? { ok: true, text: result.message ?? "Applied." } : { ok: false, text: result.error },
            );
          })
        }
      >
        <Wrench aria-hidden />
        {pending ? "Applying…" : sentenceCase(action)}
      </Button>
      {outcome ? (
        <span role={outcome.ok ? "status" : "alert"} className={outcome.ok ? "text-sm" : "text-sm text-destructive"}>
          {outcome.text}
        </span>
      ) : null}
    </div>
  );
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
