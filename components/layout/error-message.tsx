"use client";

import { Button } from "@/components/ui/button";
import { useDatabaseUnavailable } from "@/components/layout/use-database-unavailable";

/** The error boundaries' text: names an unavailable database, otherwise a general problem. */
export function ErrorMessage({ general }: { general: string }) {
  const databaseUnavailable = useDatabaseUnavailable();
  return databaseUnavailable ? (
    <>
      <h1 className="text-xl font-semibold">The database is unavailable</h1>
      <p className="text-sm text-muted-foreground">
        Handshake cannot reach its database right now. Nothing was changed; try again in a moment.
      </p>
    </>
  ) : (
    <>
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="text-sm text-muted-foreground">{general}</p>
    </>
  );
}

/** A route's error boundary inside the page frame: what went wrong, and a way to try again. */
export function PageError({ reset }: { reset: () => void }) {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-3 py-16 text-center">
      <ErrorMessage general="This page could not be shown. Your data is safe; try again." />
      <Button variant="outline" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
