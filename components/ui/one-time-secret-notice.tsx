"use client";

import type { ReactNode } from "react";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { CopyableCode } from "@/components/ui/copyable-code";

/** A secret Handshake shows once, right after making it, and never again (it keeps only a hash). */
export function OneTimeSecretNotice({
  title,
  instructions,
  secret,
  copyLabel,
  testId,
}: {
  title: ReactNode;
  instructions: string;
  secret: string;
  copyLabel: string;
  testId: string;
}) {
  return (
    <Alert variant="success">
      <AlertTitle>{title}</AlertTitle>
      <p className="mb-2">{instructions}</p>
      <CopyableCode value={secret} copyLabel={copyLabel} testId={testId} />
    </Alert>
  );
}
