"use client";

import { useDatabaseUnavailable } from "@/components/layout/use-database-unavailable";

/** The error boundaries' text: names an unavailable database, otherwise a general problem. */
export function ErrorMessage({ general }: { general: string }) {
  const databaseUnavailable = useDatabaseUnavailable();
  return databaseUnavailable ? (
    <>
      <h1 className="text-xl font-semibold">The database is unavailable</h1>
      <p className="text-sm text-muted-foreground">Handshake cannot reach its database right now. Nothing was changed; try again in a moment.</p>
    </>
  ) : (
    <>
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="text-sm text-muted-foreground">{general}</p>
    </>
  );
}
