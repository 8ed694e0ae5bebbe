import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { CreateUserDialog } from "@/components/users/create-user-dialog";
import { UsersTable } from "@/components/users/users-table";
import { SecondFactorPolicySwitch } from "@/components/users/second-factor-policy-switch";
import { isSecondFactorRequired } from "@/lib/auth/second-factor-policy";
import { SessionLimitsForm } from "@/components/users/session-limits-form";
import { readSessionLimits } from "@/lib/auth/session-policy";
import { requirePageUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/find-users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requirePageUser("ADMIN");
  const users = await listUsers();
  return (
    <>
      <PageHeader
        title="Users"
        description="Admins configure and test connections and manage users. Auditors review connections, test history and the audit log, read-only."
        actions={<CreateUserDialog />}
      />
      <SecondFactorPolicySwitch required={await isSecondFactorRequired()} />
      <SessionLimitsForm limits={await readSessionLimits()} />
      <UsersTable
        users={users.map((u) => ({ ...u, lastSignInAt: u.lastSignInAt?.toISOString() ?? null }))}
        currentUserId={me.id}
      />
    </>
  );
}
