"use client";

import { ErrorMessage } from "@/components/layout/error-message";

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "3rem", textAlign: "center" }}>
        <ErrorMessage general="The console hit an unexpected problem. Nothing you saved is lost." />
        <button type="button" onClick={reset}>
          Try again
        </button>
      </body>
    </html>
  );
}
