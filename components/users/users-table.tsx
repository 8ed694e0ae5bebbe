"use client";

import * as React from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";
import { DataTable } from "@/components/ui/data-table";
import { TableCell, TableRow } from "@/components/ui/table";
import { Dialog, DialogPanel } from "@/components/ui/dialog";
import { useActionTransition } from "@/components/forms/use-action-transition";
import { OneTimePasswordNotice } from "@/components/users/one-time-password-notice";
import { ConfirmDialog, type ConfirmRequest } from "@/components/forms/confirm-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { changeUserRoleAction, resetUserPasswordAction, setUserDisabledAction } from "@/app/(console)/users/actions";

type UserRow = {
  id: string;
  email: string;
  name: string | null;
  role: string;
  disabled: boolean;
  mustChangePassword: boolean;
  lastSignInAt: string | null;
};

export function UsersTable({ users, currentUserId }: { users: UserRow[]; currentUserId: string }) {
  const { pending, run } = useActionTransition();
  const [reset, setReset] = React.useState<{ email: string; password: string }>();
  const [confirm, setConfirm] = React.useState<ConfirmRequest | null>(null);
  const confirmRoleChange = (u: UserRow, role: string) =>
    setConfirm({
      title: `Make ${u.email} ${role === "ADMIN" ? "an Admin" : "an Auditor"}?`,
      description:
        role === "ADMIN"
          ? "Admins can change connections, users and API keys."
          : "Auditors can only read: they can no longer change anything.",
      confirmLabel: "Change role",
      onConfirm: () => run(() => changeUserRoleAction({ userId: u.id, role }), { fallbackMessage: "Saved." }),
    });
  const confirmReset = (u: UserRow) =>
    setConfirm({
      title: `Reset the password of ${u.email}?`,
      description: "Their password stops working and their open sessions end. You get a one-time password to pass on.",
      confirmLabel: "Reset password",
      destructive: true,
      onConfirm: () =>
        run(() => resetUserPasswordAction({ userId: u.id }), {
          quiet: true,
          onSuccess: (data) => setReset({ email: u.email, password: data.oneTimePassword }),
        }),
    });
  const confirmDisable = (u: UserRow) =>
    setConfirm({
      title: `Disable ${u.email}?`,
      description: "They are signed out at once and cannot sign in until you enable them again.",
      confirmLabel: "Disable user",
      destructive: true,
      onConfirm: () =>
        run(() => setUserDisabledAction({ userId: u.id, disabled: true }), { fallbackMessage: "Saved." }),
    });

  return (
    <>
      <DataTable
        label="Users"
        columns={["User", "Role", "Status", { label: "Last sign-in", className: "whitespace-nowrap" }]}
        actionsColumn
      >
        {users.map((u) => (
          <TableRow key={u.id} data-testid="user-row">
            <TableCell>
              <div className="max-w-[18rem] truncate font-medium" title={u.email}>
                {u.email}
              </div>
              {u.name ? <div className="text-xs text-muted-foreground">{u.name}</div> : null}
            </TableCell>
            <TableCell>
              <NativeSelect
                aria-label={`Role of ${u.email}`}
                className="h-8 w-36"
                value={u.role}
                disabled={pending || u.id === currentUserId}
                onChange={(e) => confirmRoleChange(u, e.target.value)}
              >
                <option value="ADMIN">Admin</option>
                <option value="AUDITOR">Auditor</option>
              </NativeSelect>
            </TableCell>
            <TableCell>
              {u.disabled ? <Badge variant="destructive">Disabled</Badge> : <Badge variant="success">Active</Badge>}
              {u.mustChangePassword ? (
                <Badge variant="outline" className="ml-1">
                  Password change pending
                </Badge>
              ) : null}
            </TableCell>
            <TableCell className="text-muted-foreground">
              {u.lastSignInAt ? <RelativeTime value={u.lastSignInAt} /> : "Never"}
            </TableCell>
            <TableCell className="text-right">
              {u.id === currentUserId ? (
                <span className="text-xs text-muted-foreground">You</span>
              ) : (
                <div className="flex justify-end gap-2">
                  <Button size="sm" variant="outline" disabled={pending} onClick={() => confirmReset(u)}>
                    Reset password
                  </Button>
                  <Button
                    size="sm"
                    variant={u.disabled ? "outline" : "destructive"}
                    disabled={pending}
                    onClick={() =>
                      u.disabled
                        ? run(() => setUserDisabledAction({ userId: u.id, disabled: false }), {
                            fallbackMessage: "Saved.",
                          })
                        : confirmDisable(u)
                    }
                  >
                    {u.disabled ? "Enable" : "Disable"}
                    <span className="sr-only"> {u.email}</span>
                  </Button>
                </div>
              )}
            </TableCell>
          </TableRow>
        ))}
      </DataTable>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
      <Dialog open={Boolean(reset)} onOpenChange={(open) => !open && setReset(undefined)}>
        <DialogPanel title="Password reset" description="Their open sessions have ended.">
          {reset ? <OneTimePasswordNotice email={reset.email} password={reset.password} /> : null}
        </DialogPanel>
      </Dialog>
    </>
  );
}
