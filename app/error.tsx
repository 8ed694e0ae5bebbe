"use client";

import { Button } from "@/components/ui/button";
import { ErrorMessage } from "@/components/layout/error-message";

export default function RootError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-3 py-16 text-center">
      <ErrorMessage general="This page could not be shown. Your data is safe; try again." />
      <Button variant="outline" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
