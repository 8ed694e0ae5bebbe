"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Copy, Ellipsis, KeyRound, Pencil, Power, PowerOff, Trash2 } from "lucide-react";
import { Button, buttonVariants } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useActionTransition } from "@/components/forms/use-action-transition";
import { RotateSecretDialog } from "@/components/connections/detail/rotate-secret-dialog";
import { DeleteConnectionDialog } from "@/components/connections/detail/delete-connection-dialog";
import { ConfirmDialog, type ConfirmRequest } from "@/components/forms/confirm-dialog";
import { duplicateConnectionAction, setConnectionEnabledAction } from "@/app/(console)/connections/actions";

type ActionTarget = { id: string; name: string; status: string; enabled: boolean; clientAuthMethod: string };

/**
 * The detail header's secondary actions: Edit (or Resume draft) as a button, everything else in
 * one "More actions" menu. Auditors never get this component; the actions refuse them too.
 */
export function ConnectionActionsMenu({ connection, testable }: { connection: ActionTarget; testable: boolean }) {
  const router = useRouter();
  const { pending, run } = useActionTransition();
  const [dialog, setDialog] = React.useState<"rotate" | "delete" | null>(null);
  const [confirm, setConfirm] = React.useState<ConfirmRequest | null>(null);
  const draft = connection.status === "DRAFT";

  const duplicate = () =>
    run(() => duplicateConnectionAction({ connectionId: connection.id }), {
      onSuccess: (data) => router.push(`/connections/new?draft=${data.id}&step=client`),
    });
  const setEnabled = (enabled: boolean) =>
    run(() => setConnectionEnabledAction({ connectionId: connection.id, enabled }), { refresh: true });
  const toggleEnabled = () =>
    connection.enabled
      ? setConfirm({
          title: <>Disable {connection.name}?</>,
          description:
            "Bots and apps that ask the token API for its token get an error until you enable it again. Its settings and tokens are kept.",
          confirmLabel: "Disable connection",
          destructive: true,
          onConfirm: () => setEnabled(false),
        })
      : setEnabled(true);

  return (
    <>
      <Link
        href={draft ? `/connections/new?draft=${connection.id}` : `/connections/${connection.id}/edit`}
        className={buttonVariants({ variant: draft ? "default" : "outline" })}
      >
        <Pencil aria-hidden />
        {draft ? "Resume draft" : "Edit"}
      </Link>
      {/* Not modal: a dialog opened from an item must get focus and pointer events back. */}
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" size="icon" aria-label="More actions" disabled={pending}>
            <Ellipsis aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent>
          {!draft && connection.clientAuthMethod !== "none" ? (
            <DropdownMenuItem onSelect={() => setDialog("rotate")}>
              <KeyRound aria-hidden />
              Rotate secret
            </DropdownMenuItem>
          ) : null}
          <DropdownMenuItem onSelect={duplicate}>
            <Copy aria-hidden />
            Duplicate
          </DropdownMenuItem>
          {draft ? null : (
            <DropdownMenuItem onSelect={toggleEnabled}>
              {connection.enabled ? <PowerOff aria-hidden /> : <Power aria-hidden />}
              {connection.enabled ? "Disable" : "Enable"}
            </DropdownMenuItem>
          )}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setDialog("delete")} className="text-destructive">
            <Trash2 aria-hidden />
            Delete
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
      <RotateSecretDialog
        connectionId={connection.id}
        open={dialog === "rotate"}
        onOpenChange={(o) => setDialog(o ? "rotate" : null)}
        testable={testable}
      />
      <DeleteConnectionDialog
        connectionId={connection.id}
        name={connection.name}
        open={dialog === "delete"}
        onOpenChange={(o) => setDialog(o ? "delete" : null)}
      />
    </>
  );
}
