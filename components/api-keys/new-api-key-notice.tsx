"use client";

import { Alert, AlertTitle } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";

/** The only time a key is visible: right after it was created. */
export function NewApiKeyNotice({ name, apiKey }: { name: string; apiKey: string }) {
  return (
    <Alert variant="success">
      <AlertTitle>API key “{name}”</AlertTitle>
      <p className="mb-2">Copy it now and store it where the service reads its secrets. It is shown only once; Handshake keeps only its hash.</p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="break-all rounded bg-muted px-2 py-1 font-mono text-xs" data-testid="new-api-key">
          {apiKey}
        </code>
        <CopyButton value={apiKey} label="Copy API key" />
      </div>
    </Alert>
  );
}
