import type { Metadata } from "next";
import { Bell } from "lucide-react";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { ChannelDialog } from "@/components/notifications/channel-dialog";
import { ChannelsTable } from "@/components/notifications/channels-table";
import { DeliveryLog } from "@/components/notifications/delivery-log";
import { requirePageUser } from "@/lib/auth/session";
import { loadAdminChoices } from "@/app/(console)/load-admin-choices";
import { listChannels, listConnectionChoices, listRecentDeliveries } from "@/lib/notifications/list-notifications";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const user = await requirePageUser("AUDITOR");
  const isAdmin = user.role === "ADMIN";
  const [channels, deliveries, { connections }] = await Promise.all([
    listChannels(),
    listRecentDeliveries(),
    loadAdminChoices(isAdmin, { connections: listConnectionChoices }),
  ]);
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Webhooks and e-mail that tell you once when a connection starts failing, when it recovers, and when someone has to authorize again."
        actions={isAdmin ? <ChannelDialog connections={connections} /> : null}
      />
      {channels.length === 0 ? (
        <EmptyState
          icon={<Bell className="size-6" aria-hidden />}
          title="No channels yet"
          description={isAdmin ? "Add a webhook or an e-mail channel." : "Admins add webhook and e-mail channels."}
        />
      ) : (
        <ChannelsTable channels={channels} connections={connections} isAdmin={isAdmin} />
      )}
      <section className="mt-8 grid gap-3" aria-labelledby="delivery-log-heading">
        <h2 id="delivery-log-heading" className="text-lg font-semibold">
          Delivery log
        </h2>
        <DeliveryLog deliveries={deliveries} isAdmin={isAdmin} />
      </section>
    </>
  );
}
