"use client";

import * as React from "react";
import { PlugZap } from "lucide-react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { startConnectionTest } from "@/app/(console)/connections/test-actions";
import { useOAuthLauncher } from "@/components/connections/use-oauth-launcher";
import { TestProgress } from "@/components/connections/test-progress";
import { takeAutoTestRequest } from "@/components/connections/auto-test-marker";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * Runs the connection's real flow; for code flows the provider opens in a popup. Progress shows
 * in a panel under the button (it never shifts the header). With `autoStart` it starts once on
 * mount when the wizard's "Save and test connection" left its one-time marker
 * (components/connections/auto-test-marker.ts), never from a URL another site could link to:
 * without a click the browser may block the popup, so a code flow then continues in this tab.
 */
export function TestConnectionButton({
  connectionId,
  label = "Test connection",
  variant,
  autoStart = false,
  offerForceSignIn = false,
  nextKey = false,
}: {
  connectionId: string;
  label?: string;
  variant?: ButtonProps["variant"];
  autoStart?: boolean;
  /** Code flows: a "Force sign-in" choice, to test as another user than the provider's session. */
  offerForceSignIn?: boolean;
  /** A key rotation's test, signed with the prepared next key. */
  nextKey?: boolean;
}) {
  const { launch, progress, busy, dismiss } = useOAuthLauncher();
  const started = React.useRef(false);
  const [forceSignIn, setForceSignIn] = React.useState(false);
  // Until hydrated, a click or a tick in the server's HTML does nothing (or is lost at hydration).
  const hydrated = useHydrated();
  const start = React.useCallback(
    () =>
      launch(connectionId, () =>
        startConnectionTest(connectionId, { forceSignIn: offerForceSignIn && forceSignIn, nextKey }),
      ),
    [connectionId, launch, offerForceSignIn, forceSignIn, nextKey],
  );
  React.useEffect(() => {
    if (!autoStart || started.current) return;
    started.current = true;
    if (takeAutoTestRequest(connectionId)) void start();
  }, [autoStart, connectionId, start]);
  return (
    <div className="relative flex flex-wrap items-center gap-3">
      {offerForceSignIn ? (
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={forceSignIn}
            onChange={(event) => setForceSignIn(event.target.checked)}
            disabled={busy || !hydrated}
            className="size-4"
          />
          Force sign-in
        </label>
      ) : null}
      <Button variant={variant} disabled={busy || !hydrated} onClick={start} className="min-w-36">
        <PlugZap aria-hidden />
        {busy ? "Testing…" : label}
      </Button>
      <div className="absolute top-full left-0 z-20 mt-2 w-[min(22rem,calc(100vw-2rem))] sm:right-0 sm:left-auto">
        <TestProgress progress={progress} onDismiss={dismiss} />
      </div>
    </div>
  );
}
