import { DataTable } from "@/components/ui/data-table";
import { TableCell, TableRow } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { FormattedDate } from "@/components/ui/formatted-date";
import { RedeliverButton } from "@/components/notifications/channel-buttons";
import type { DeliverySummary } from "@/lib/notifications/list-notifications";
import { notificationEventLabel } from "@/lib/notifications/notification-events";

const STATUS_LABELS: Record<string, string> = { DELIVERED: "Delivered", FAILED: "Failed", PENDING: "Retrying" };

/** The latest deliveries: which event went where, how many attempts, the last response code. */
export function DeliveryLog({ deliveries, isAdmin }: { deliveries: DeliverySummary[]; isAdmin: boolean }) {
  if (deliveries.length === 0) return <p className="text-sm text-muted-foreground">Nothing sent yet.</p>;
  return (
    <DataTable
      label="Delivery log"
      columns={["When", "Event", "Channel", "Status", "Attempts", "Response"]}
      actionsColumn={isAdmin}
    >
      {deliveries.map((d) => (
        <TableRow key={d.id} data-testid="delivery-row">
          <TableCell>
            <FormattedDate value={d.createdAt} />
          </TableCell>
          <TableCell>
            {notificationEventLabel(d.eventType)}
            {d.connectionName ? <div className="text-xs text-muted-foreground">{d.connectionName}</div> : null}
          </TableCell>
          <TableCell>{d.channelName}</TableCell>
          <TableCell>
            <Badge variant={d.status === "DELIVERED" ? "success" : d.status === "FAILED" ? "destructive" : "warning"}>
              {STATUS_LABELS[d.status] ?? d.status}
            </Badge>
            {d.status === "PENDING" && d.attemptCount > 0 ? (
              <div className="text-xs text-muted-foreground">
                next <FormattedDate value={d.nextAttemptAt} />
              </div>
            ) : null}
          </TableCell>
          <TableCell className="text-right">{d.attemptCount}</TableCell>
          <TableCell className="max-w-72">
            {d.lastStatusCode ?? "—"}
            {d.lastError ? <div className="text-xs text-muted-foreground">{d.lastError}</div> : null}
          </TableCell>
          {isAdmin ? (
            <TableCell>
              <RedeliverButton deliveryId={d.id} />
            </TableCell>
          ) : null}
        </TableRow>
      ))}
    </DataTable>
  );
}
