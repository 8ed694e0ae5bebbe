"use client";

import { UserRoundCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import { connectMyAccount } from "@/app/(console)/connections/test-actions";
import { useOAuthLauncher } from "@/components/connections/use-oauth-launcher";

/** For Per-user connections: the signed-in user authorizes their own account. */
export function ConnectMyAccountButton({ connectionId, reconnect = false }: { connectionId: string; reconnect?: boolean }) {
  const { launch, pending, waiting } = useOAuthLauncher();
  return (
    <div className="flex items-center gap-2">
      <Button variant="outline" disabled={pending} onClick={() => launch(() => connectMyAccount(connectionId))}>
        <UserRoundCheck aria-hidden />
        {pending ? "Connecting…" : reconnect ? "Reconnect my account" : "Connect my account"}
      </Button>
      {waiting ? (
        <span role="status" className="text-sm text-muted-foreground">
          Finish signing in at the provider in the popup window.
        </span>
      ) : null}
    </div>
  );
}
