"use client";

import { Button } from "@/components/ui/button";
import { ConfirmActionButton } from "@/components/forms/confirm-dialog";
import { revokeApiKeyAction } from "@/app/(console)/api-keys/actions";

export function RevokeApiKeyButton({ apiKeyId, name }: { apiKeyId: string; name: string }) {
  return (
    <ConfirmActionButton
      trigger={<Button variant="destructive">Revoke</Button>}
      title={`Revoke “${name}”?`}
      description="Every request with this key is refused from now on. This cannot be undone; create a new key instead."
      confirmLabel="Revoke key"
      pendingLabel="Revoking…"
      fallbackMessage="Revoked."
      action={() => revokeApiKeyAction({ apiKeyId })}
    />
  );
}
