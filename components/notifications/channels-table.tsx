import { DataTable } from "@/components/ui/data-table";
import { TableCell, TableRow } from "@/components/ui/table";
import { ChannelDialog } from "@/components/notifications/channel-dialog";
import { DeleteChannelButton, SendTestEventButton } from "@/components/notifications/channel-buttons";
import type { ChannelSummary } from "@/lib/notifications/list-notifications";
import { notificationEventLabel } from "@/lib/notifications/notification-events";

/** Channels by name, where they send (a host, never a URL or secret) and what; admins get the buttons. */
export function ChannelsTable({
  channels,
  connections,
  isAdmin,
}: {
  channels: ChannelSummary[];
  connections: { id: string; name: string }[];
  isAdmin: boolean;
}) {
  return (
    <DataTable label="Channels" columns={["Name", "Kind", "Sends to", "Events", "Connections"]} actionsColumn={isAdmin}>
      {channels.map((channel) => (
        <TableRow key={channel.id} data-testid="channel-row">
          <TableCell className="font-medium">{channel.name}</TableCell>
          <TableCell>{channel.kind === "WEBHOOK" ? "Webhook" : "E-mail"}</TableCell>
          <TableCell className="max-w-64 truncate">{channel.destination}</TableCell>
          <TableCell className="max-w-64">{channel.eventTypes.map(notificationEventLabel).join(", ")}</TableCell>
          <TableCell className="max-w-48 truncate">
            {channel.connectionNames === "all" ? "All connections" : channel.connectionNames.join(", ")}
          </TableCell>
          {isAdmin ? (
            <TableCell>
              <div className="flex flex-wrap gap-2">
                <SendTestEventButton channelId={channel.id} name={channel.name} />
                <ChannelDialog connections={connections} channel={channel} />
                <DeleteChannelButton channelId={channel.id} name={channel.name} />
              </div>
            </TableCell>
          ) : null}
        </TableRow>
      ))}
    </DataTable>
  );
}
