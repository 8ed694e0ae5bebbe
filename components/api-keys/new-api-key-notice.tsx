"use client";

import { OneTimeSecretNotice } from "@/components/ui/one-time-secret-notice";

/** The only time a key is visible: right after it was created. */
export function NewApiKeyNotice({ name, apiKey }: { name: string; apiKey: string }) {
  return (
    <OneTimeSecretNotice
      title={<>API key “{name}”</>}
      instructions="Copy it now and store it where the service reads its secrets. It is shown only once; Handshake keeps only its hash."
      secret={apiKey}
      copyLabel="Copy API key"
      testId="new-api-key"
    />
  );
}
