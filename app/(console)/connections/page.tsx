import { PageHeader } from "@/components/layout/page-header";
import { requirePageUser } from "@/lib/auth/session";

export default async function ConnectionsPage() {
  await requirePageUser();
  return <PageHeader title="Connections" description="OAuth connections to outside APIs." />;
}
