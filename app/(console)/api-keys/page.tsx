import type { Metadata } from "next";
import { KeyRound } from "lucide-react";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { ApiKeysTable } from "@/components/api-keys/api-keys-table";
import { CreateApiKeyDialog } from "@/components/api-keys/create-api-key-dialog";
import { requirePageUser } from "@/lib/auth/session";
import { loadAdminChoices } from "@/app/(console)/load-admin-choices";
import { listApiKeys, listConnectionChoices, listUserChoices } from "@/lib/api-keys/list-api-keys";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const user = await requirePageUser("AUDITOR");
  const isAdmin = user.role === "ADMIN";
  const [keys, { connections, users }] = await Promise.all([
    listApiKeys(),
    loadAdminChoices(isAdmin, { connections: listConnectionChoices, users: listUserChoices }),
  ]);
  return (
    <>
      <PageHeader
        title="API keys"
        description="Services and scripts use a key to get fresh access tokens for connections from the token API (GET /api/v1/connections/{id or name}/token)."
        actions={isAdmin ? <CreateApiKeyDialog connections={connections} users={users} /> : null}
      />
      {keys.length === 0 ? (
        <EmptyState
          icon={<KeyRound className="size-6" aria-hidden />}
          title="No API keys yet"
          description={
            isAdmin
              ? "Create one for each service that needs tokens, limited to the connections it uses."
              : "Admins create keys for the services that need tokens."
          }
        />
      ) : (
        <ApiKeysTable keys={keys} />
      )}
    </>
  );
}
