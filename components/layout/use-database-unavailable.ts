"use client";

import { useEffect, useState } from "react";

/**
 * Asks /api/health whether the database answers. Error boundaries only get a digest of a server
 * error in production, so they ask after the fact to tell "the database is unavailable" apart.
 */
export function useDatabaseUnavailable(): boolean {
  const [unavailable, setUnavailable] = useState(false);
  useEffect(() => {
    let active = true;
    fetch("/api/health", { cache: "no-store" })
      .then((response) => active && setUnavailable(response.status === 503))
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, []);
  return unavailable;
}
