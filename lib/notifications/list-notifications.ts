/**
 * What the Notifications page shows: channels with where they send (a webhook's host, never its
 * URL or secrets) and the latest deliveries with their attempts.
 */
import { prisma } from "@/lib/db/prisma";
import { parseNotificationPayload } from "@/lib/notifications/notification-events";
import type { NotificationChannelInput } from "@/lib/schemas/notification-channel";

export type ChannelSummary = {
  id: string;
  name: string;
  kind: "WEBHOOK" | "EMAIL";
  destination: string;
  eventTypes: string[];
  connectionNames: string[] | "all";
  version: number;
  /** The form's values without secrets, for Edit. */
  values: NotificationChannelInput;
};

export type DeliverySummary = {
  id: string;
  channelName: string;
  eventType: string;
  connectionName: string | null;
  status: string;
  attemptCount: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  nextAttemptAt: Date;
};

export async function listChannels(): Promise<ChannelSummary[]> {
  const [channels, connections] = await Promise.all([
    prisma.notificationChannel.findMany({ orderBy: { createdAt: "asc" } }),
    prisma.connection.findMany({ select: { id: true, name: true } }),
  ]);
  const names = new Map(connections.map((c) => [c.id, c.name]));
  return channels.map((c) => {
    const connectionIds = JSON.parse(c.connectionIds) as string[];
    const eventTypes = JSON.parse(c.eventTypes) as NotificationChannelInput["eventTypes"];
    const kind = c.kind as ChannelSummary["kind"];
    return {
      id: c.id,
      name: c.name,
      kind,
      destination:
        kind === "WEBHOOK" ? (c.webhookHost ?? "") : `${c.smtpRecipients ?? ""} via ${c.smtpHost}:${c.smtpPort}`,
      eventTypes,
      connectionNames: c.allConnections ? "all" : connectionIds.map((id) => names.get(id) ?? "deleted connection"),
      version: c.version,
      values: {
        name: c.name,
        kind,
        eventTypes,
        access: c.allConnections ? "all" : "chosen",
        connectionIds: connectionIds.filter((id) => names.has(id)),
        webhookUrl: "",
        webhookFormat: (c.webhookFormat ?? "STANDARD") as NotificationChannelInput["webhookFormat"],
        smtpHost: c.smtpHost ?? "",
        smtpPort: c.smtpPort ?? 587,
        smtpSecurity: (c.smtpSecurity ?? "STARTTLS") as NotificationChannelInput["smtpSecurity"],
        smtpUser: c.smtpUser ?? "",
        smtpPassword: "",
        smtpFrom: c.smtpFrom ?? "",
        smtpRecipients: c.smtpRecipients ?? "",
      },
    };
  });
}

export async function listRecentDeliveries(limit = 50): Promise<DeliverySummary[]> {
  const rows = await prisma.notificationDelivery.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    include: { channel: { select: { name: true } }, event: { select: { type: true, payload: true } } },
  });
  return rows.map((d) => ({
    id: d.id,
    channelName: d.channel.name,
    eventType: d.event.type,
    connectionName: parseNotificationPayload(d.event.payload).connectionName,
    status: d.status,
    attemptCount: d.attemptCount,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    createdAt: d.createdAt,
    nextAttemptAt: d.nextAttemptAt,
  }));
}

export async function listConnectionChoices(): Promise<{ id: string; name: string }[]> {
  return prisma.connection.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}
