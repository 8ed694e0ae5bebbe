"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { Plus } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { addConnectionScopeAction } from "@/app/(console)/connections/actions";

/** One-click fix from the lint: adds exactly this scope to the saved connection (audited as an update). */
export function AddScopeButton({ connectionId, version, scope }: { connectionId: string; version: number; scope: string }) {
  const router = useRouter();
  const [pending, startTransition] = React.useTransition();
  return (
    <Button
      size="sm"
      variant="outline"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          const result = await addConnectionScopeAction({ connectionId, version, scope });
          if (result.ok) toast.success(result.message);
          else toast.error(result.error);
          router.refresh();
        })
      }
    >
      <Plus aria-hidden />
      Add {scope}
    </Button>
  );
}
