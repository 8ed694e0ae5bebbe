"use client";

import { PlugZap } from "lucide-react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { startConnectionTest } from "@/app/(console)/connections/test-actions";
import { useOAuthLauncher } from "@/components/connections/use-oauth-launcher";

/** Runs the connection's real flow; for code flows the provider opens in a popup. */
export function TestConnectionButton({
  connectionId,
  label = "Test connection",
  variant,
}: {
  connectionId: string;
  label?: string;
  variant?: ButtonProps["variant"];
}) {
  const { launch, pending, waiting } = useOAuthLauncher();
  return (
    <div className="flex items-center gap-2">
      <Button variant={variant} disabled={pending} onClick={() => launch(() => startConnectionTest(connectionId))}>
        <PlugZap aria-hidden />
        {pending ? "Testing…" : label}
      </Button>
      {waiting ? (
        <span role="status" className="text-sm text-muted-foreground">
          Finish signing in at the provider in the popup window.
        </span>
      ) : null}
    </div>
  );
}
