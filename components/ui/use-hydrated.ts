import * as React from "react";

function subscribeToNothing(): () => void {
  return () => {};
}

/**
 * False while the server's HTML is on screen, true once React has hydrated it. A form whose
 * inputs react-hook-form fills at hydration stays disabled until then: typing into the server's
 * HTML would be overwritten by (or mixed with) the stored value the moment the form takes over.
 */
export function useHydrated(): boolean {
  return React.useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}
