"use client";

import * as React from "react";
import { KeyRound } from "lucide-react";
import { Button } from "@/components/ui/button";
import { RotateSecretDialog } from "@/components/connections/detail/rotate-secret-dialog";

/** The diagnosis's one-click fix for a refused client secret: enter it again here, then "Save and test". */
export function ReEnterSecretFix({ connectionId }: { connectionId: string }) {
  const [open, setOpen] = React.useState(false);
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)}>
        <KeyRound aria-hidden />
        Re-enter client secret
      </Button>
      <RotateSecretDialog connectionId={connectionId} open={open} onOpenChange={setOpen} />
    </>
  );
}
