"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/action-result";
import type { StartedTest } from "@/app/(console)/connections/test-actions";
import { isTestResultPath } from "@/lib/oauth/test-paths";

export const OAUTH_POPUP_NAME = "handshake-oauth";
export const TEST_FINISHED_MESSAGE = "handshake:test-finished";

/**
 * Runs a test-starting server action and takes the browser where it says: the result page, or
 * the provider in a popup (the same tab when popups are blocked). The popup's result page
 * reports back with a same-origin postMessage and closes; this hook then shows that result.
 */
export function useOAuthLauncher() {
  const router = useRouter();
  const [pending, setPending] = React.useState(false);
  const [waiting, setWaiting] = React.useState(false);
  const watcher = React.useRef<ReturnType<typeof setInterval> | undefined>(undefined);

  React.useEffect(() => {
    function onMessage(event: MessageEvent) {
      if (event.origin !== window.location.origin) return;
      const data = event.data as { type?: unknown; path?: unknown } | null;
      if (data?.type !== TEST_FINISHED_MESSAGE || !isTestResultPath(data.path)) return;
      setWaiting(false);
      router.push(data.path);
    }
    window.addEventListener("message", onMessage);
    return () => {
      window.removeEventListener("message", onMessage);
      clearInterval(watcher.current);
    };
  }, [router]);

  async function launch(action: () => Promise<ActionResult<StartedTest>>) {
    setPending(true);
    try {
      const result = await action();
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      const { redirectTo, opensProvider } = result.data;
      if (!opensProvider) {
        router.push(redirectTo);
        return;
      }
      const popup = window.open(redirectTo, OAUTH_POPUP_NAME, "popup,width=560,height=760");
      if (!popup) {
        window.location.assign(redirectTo);
        return;
      }
      setWaiting(true);
      clearInterval(watcher.current);
      // A popup closed without finishing leaves the test waiting; refresh so the history shows it.
      watcher.current = setInterval(() => {
        if (!popup.closed) return;
        clearInterval(watcher.current);
        setWaiting(false);
        router.refresh();
      }, 800);
    } catch {
      toast.error("The test could not be started. Check your network connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return { launch, pending, waiting };
}
