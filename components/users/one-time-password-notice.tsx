"use client";

import { OneTimeSecretNotice } from "@/components/ui/one-time-secret-notice";

export function OneTimePasswordNotice({ email, password }: { email: string; password: string }) {
  return (
    <OneTimeSecretNotice
      title={<>One-time password for {email}</>}
      instructions="Give it to them over a safe channel. It is shown only now; they choose their own at first sign-in."
      secret={password}
      copyLabel="Copy password"
      testId="one-time-password"
    />
  );
}
