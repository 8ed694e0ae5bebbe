"use client";

import * as React from "react";
import { TEST_FINISHED_MESSAGE } from "@/components/connections/use-oauth-launcher";

/**
 * On a result page shown inside the provider popup: tells the console window that opened it
 * (same origin only) and closes. Opened any other way, it does nothing and the result shows here.
 */
export function NotifyOpener({ path }: { path: string }) {
  React.useEffect(() => {
    const opener = window.opener as Window | null;
    if (!opener || opener === window) return;
    try {
      // Reading the opener's origin throws unless it is this console.
      if (opener.location.origin !== window.location.origin) return;
      opener.postMessage({ type: TEST_FINISHED_MESSAGE, path }, window.location.origin);
      window.close();
    } catch {
      // A foreign opener: stay and show the result.
    }
  }, [path]);
  return null;
}
