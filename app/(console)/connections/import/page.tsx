import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { ConnectionsImportForm } from "@/components/connections/import/connections-import-form";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Import connections" };

/** Admins only: a plan first, then the same file applied all or nothing. */
export default async function ImportConnectionsPage() {
  await requirePageUser("ADMIN");
  return (
    <>
      <PageHeader
        title="Import connections"
        description="Review a plan of what a connections file would create, update or delete, then apply it. The same as npm run connections -- plan / apply, and the API's connections-file routes."
      />
      <ConnectionsImportForm />
    </>
  );
}
