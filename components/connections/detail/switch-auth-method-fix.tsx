"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { ArrowLeftRight } from "lucide-react";
import { Button } from "@/components/ui/button";
import { switchClientAuthMethodAction } from "@/app/(console)/connections/fix-actions";

/** The diagnosis's one-click fix when the other client authentication method is the likely one: changes only that setting. */
export function SwitchAuthMethodFix({ connectionId, version, method }: { connectionId: string; version: number; method: string }) {
  const router = useRouter();
  const [pending, startTransition] = React.useTransition();
  const [outcome, setOutcome] = React.useState<{ ok: boolean; text: string } | null>(null);
  return (
    <span className="flex flex-wrap items-center gap-3">
      <Button
        size="sm"
        variant="outline"
        disabled={pending || outcome?.ok === true}
        onClick={() =>
          startTransition(async () => {
            const result = await switchClientAuthMethodAction({ connectionId, version, method });
            setOutcome(result.ok ? { ok: true, text: result.message ?? "Switched." } : { ok: false, text: result.error });
            if (result.ok) router.refresh();
          })
        }
      >
        <ArrowLeftRight aria-hidden />
        {pending ? "Switching…" : `Switch to ${method}`}
      </Button>
      {outcome ? (
        <span role={outcome.ok ? "status" : "alert"} className={outcome.ok ? "text-sm" : "text-sm text-destructive"}>
          {outcome.text}
        </span>
      ) : null}
    </span>
  );
}
