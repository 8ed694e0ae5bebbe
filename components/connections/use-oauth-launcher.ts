"use client";

import * as React from "react";
import { usePathname, useRouter } from "next/navigation";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/action-result";
import { cancelTestAction, readTestProgressAction } from "@/app/(console)/connections/test-actions";
import type { StartedTest } from "@/lib/connection-tests/test-paths";
import { isTestResultPath, testResultPath } from "@/lib/connection-tests/test-paths";

const OAUTH_POPUP_NAME = "handshake-oauth";
const POLL_MS = 800;
export const TEST_FINISHED_MESSAGE = "handshake:test-finished";

export type LaunchPhase = "idle" | "starting" | "signing-in" | "finishing" | "cancelled";
export type LaunchProgress = { phase: LaunchPhase; steps: { title: string; status: string }[]; path?: string };

const IDLE: LaunchProgress = { phase: "idle", steps: [] };

/**
 * Runs a test-starting server action and takes the browser where it says: the result page, or
 * the provider in a popup (the same tab when popups are blocked). While the popup is open it
 * polls the steps the test has recorded, so the page shows progress. The popup's result page
 * reports back with a same-origin postMessage and closes; a popup closed before the provider
 * redirected back cancels the test on the server and says so.
 */
export function useOAuthLauncher() {
  const router = useRouter();
  const pathname = usePathname();
  const [progress, setProgress] = React.useState<LaunchProgress>(IDLE);
  const watcher = React.useRef<ReturnType<typeof setInterval> | undefined>(undefined);

  const stopWatching = React.useCallback(() => {
    clearInterval(watcher.current);
    watcher.current = undefined;
  }, []);

  React.useEffect(() => {
    function onMessage(event: MessageEvent) {
      if (event.origin !== window.location.origin) return;
      const data = event.data as { type?: unknown; path?: unknown } | null;
      if (data?.type !== TEST_FINISHED_MESSAGE || !isTestResultPath(data.path)) return;
      stopWatching();
      setProgress((p) => ({ ...p, phase: "finishing" }));
      router.push(data.path);
    }
    window.addEventListener("message", onMessage);
    return () => {
      window.removeEventListener("message", onMessage);
      stopWatching();
    };
  }, [router, stopWatching]);

  function watchPopup(popup: Window, connectionId: string, testRunId: string) {
    stopWatching();
    let busy = false;
    watcher.current = setInterval(async () => {
      if (busy) return;
      busy = true;
      try {
        if (popup.closed) {
          stopWatching();
          const outcome = await cancelTestAction(testRunId);
          if (outcome.ok && outcome.data.cancelled) {
            setProgress((p) => ({ ...p, phase: "cancelled" }));
            router.refresh();
          } else {
            // The provider redirected back just before the window closed: show that result.
            setProgress((p) => ({ ...p, phase: "finishing" }));
            router.push(testResultPath(connectionId, testRunId));
          }
          return;
        }
        const current = await readTestProgressAction(testRunId);
        if (current.ok) {
          const finished = current.data.status !== "AWAITING_CALLBACK" && current.data.status !== "RUNNING";
          setProgress((p) =>
            p.phase === "signing-in" || p.phase === "finishing"
              ? { ...p, phase: finished ? "finishing" : p.phase, steps: current.data.steps }
              : p,
          );
        }
      } finally {
        busy = false;
      }
    }, POLL_MS);
  }

  async function launch(connectionId: string, action: () => Promise<ActionResult<StartedTest>>) {
    stopWatching();
    const path = pathname;
    setProgress({ phase: "starting", steps: [], path });
    try {
      const result = await action();
      if (!result.ok) {
        setProgress(IDLE);
        toast.error(result.error);
        return;
      }
      const { redirectTo, opensProvider, testRunId } = result.data;
      if (!opensProvider) {
        setProgress({ phase: "finishing", steps: [], path });
        router.push(redirectTo);
        return;
      }
      const popup = window.open(redirectTo, OAUTH_POPUP_NAME, "popup,width=560,height=760");
      if (!popup) {
        window.location.assign(redirectTo);
        return;
      }
      setProgress({ phase: "signing-in", steps: [], path });
      watchPopup(popup, connectionId, testRunId);
    } catch {
      setProgress(IDLE);
      toast.error("The test could not be started. Check your network connection and try again.");
    }
  }

  // Progress belongs to the page the test was started on; after navigating to the result it is done.
  const shown = progress.path === pathname ? progress : IDLE;
  const busy = shown.phase === "starting" || shown.phase === "signing-in" || shown.phase === "finishing";
  return { launch, progress: shown, busy, dismiss: () => setProgress(IDLE) };
}
