"use client";

import { PageError } from "@/components/layout/error-message";

export default function RootError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError reset={reset} />;
}
