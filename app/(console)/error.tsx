"use client";

import { PageError } from "@/components/layout/error-message";

/** Keeps the console's navigation around the message, unlike the root boundary. */
export default function ConsoleError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError reset={reset} />;
}
