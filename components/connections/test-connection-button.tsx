"use client";

import * as React from "react";
import { PlugZap } from "lucide-react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { startConnectionTest } from "@/app/(console)/connections/test-actions";
import { useOAuthLauncher } from "@/components/connections/use-oauth-launcher";
import { takeAutoTestRequest } from "@/components/connections/auto-test-marker";

/**
 * Runs the connection's real flow; for code flows the provider opens in a popup. With `autoStart`
 * it starts once on mount when the wizard's "Save and test connection" left its one-time marker
 * (components/connections/auto-test-marker.ts): without a click the browser may block the popup,
 * so a code flow then continues in this tab.
 */
export function TestConnectionButton({
  connectionId,
  label = "Test connection",
  variant,
  autoStart = false,
}: {
  connectionId: string;
  label?: string;
  variant?: ButtonProps["variant"];
  autoStart?: boolean;
}) {
  const { launch, pending, waiting } = useOAuthLauncher();
  const started = React.useRef(false);
  React.useEffect(() => {
    if (!autoStart || started.current) return;
    started.current = true;
    if (takeAutoTestRequest(connectionId)) void launch(() => startConnectionTest(connectionId));
  }, [autoStart, connectionId, launch]);
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
