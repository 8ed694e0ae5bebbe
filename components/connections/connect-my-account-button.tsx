"use client";

import { UserRoundCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import { connectMyAccount } from "@/app/(console)/connections/test-actions";
import { useOAuthLauncher } from "@/components/connections/use-oauth-launcher";
import { TestProgress } from "@/components/connections/test-progress";

/** For Per-user connections: the signed-in user authorizes their own account. */
export function ConnectMyAccountButton({
  connectionId,
  reconnect = false,
}: {
  connectionId: string;
  reconnect?: boolean;
}) {
  const { launch, progress, busy, dismiss } = useOAuthLauncher();
  return (
    <div className="grid max-w-md gap-2">
      <Button
        variant="outline"
        className="justify-self-start"
        disabled={busy}
        onClick={() => launch(connectionId, () => connectMyAccount(connectionId))}
      >
        <UserRoundCheck aria-hidden />
        {busy ? "Connecting…" : reconnect ? "Reconnect my account" : "Connect my account"}
      </Button>
      <TestProgress progress={progress} onDismiss={dismiss} />
    </div>
  );
}
