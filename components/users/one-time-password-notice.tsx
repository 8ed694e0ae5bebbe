"use client";

import { Alert, AlertTitle } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";

export function OneTimePasswordNotice({ email, password }: { email: string; password: string }) {
  return (
    <Alert variant="success">
      <AlertTitle>One-time password for {email}</AlertTitle>
      <p className="mb-2">Give it to them over a safe channel. It is shown only now; they choose their own at first sign-in.</p>
      <div className="flex items-center gap-2">
        <code className="rounded bg-muted px-2 py-1 font-mono" data-testid="one-time-password">
          {password}
        </code>
        <CopyButton value={password} label="Copy password" />
      </div>
    </Alert>
  );
}
