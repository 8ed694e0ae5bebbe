/**
 * Records an event and queues one delivery per channel that subscribes to it, in the caller's
 * transaction, so an event exists exactly when the health change that caused it committed. The
 * background dispatcher (lib/notifications/notification-dispatcher.ts) sends the deliveries.
 */
import type { Tx } from "@/lib/db/prisma";
import { sql, sqlRunnerFor, type SqlRunner } from "@/lib/db/raw-sql";
import { newRecordId } from "@/lib/db/record-id";
import type { NotificationPayload } from "@/lib/notifications/notification-events";

/** Webhooks are retried with back-off for a day (Standard Webhooks suggests about that long). */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;

type ChannelRow = { id: string; eventTypes: string; allConnections: unknown; connectionIds: string };

function subscribes(channel: ChannelRow, type: string, connectionId: string | null): boolean {
  if (!(JSON.parse(channel.eventTypes) as string[]).includes(type)) return false;
  // SQLite returns booleans as 0/1.
  if (channel.allConnections === true || channel.allConnections === 1 || channel.allConnections === 1n) return true;
  return connectionId !== null && (JSON.parse(channel.connectionIds) as string[]).includes(connectionId);
}

export async function emitNotificationEvent(
  db: Tx | SqlRunner,
  /** `deliver: false` records the event for the history only (a change a flapping summary stands for). */
  event: { type: string; payload: NotificationPayload; onlyChannelId?: string; deliver?: false },
  now = new Date(),
): Promise<{ eventId: string; deliveryIds: string[] }> {
  const runner = sqlRunnerFor(db);
  const eventId = newRecordId(now.getTime());
  const connectionId = event.payload.connectionId;
  await runner.execute(sql`INSERT INTO "NotificationEvent" ("id", "type", "connectionId", "payload", "createdAt")
    VALUES (${eventId}, ${event.type}, ${connectionId}, ${JSON.stringify(event.payload)}, ${now})`);
  const channels = await runner.query<ChannelRow>(
    sql`SELECT "id", "eventTypes", "allConnections", "connectionIds" FROM "NotificationChannel"`,
  );
  const chosen =
    event.deliver === false
      ? []
      : event.onlyChannelId
        ? channels.filter((c) => c.id === event.onlyChannelId)
        : channels.filter((c) => subscribes(c, event.type, connectionId));
  const deliveryIds: string[] = [];
  for (const channel of chosen) {
    const id = newRecordId(now.getTime());
    await runner.execute(sql`INSERT INTO "NotificationDelivery" ("id", "eventId", "channelId", "status", "attemptCount",
      "nextAttemptAt", "giveUpAt", "createdAt")
      VALUES (${id}, ${eventId}, ${channel.id}, ${"PENDING"}, ${0}, ${now}, ${new Date(now.getTime() + RETRY_WINDOW_MS)}, ${now})`);
    deliveryIds.push(id);
  }
  return { eventId, deliveryIds };
}
