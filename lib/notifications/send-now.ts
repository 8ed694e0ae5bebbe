/**
 * Send test event and Redeliver: queued like any delivery, then attempted at once in the admin's
 * request (claimed first, so a dispatcher on another replica cannot send it too). A redelivery is
 * one attempt; the day of retries belongs to the first delivery.
 */
import { prisma } from "@/lib/db/prisma";
import { ApplicationError } from "@/lib/errors/application-error";
import { emitNotificationEvent } from "@/lib/notifications/emit-notification";
import { deliverNotification } from "@/lib/notifications/deliver-notifications";
import { TEST_EVENT_TYPE } from "@/lib/notifications/notification-events";

export type SendOutcome = { status: string; statusCode: number | null; error: string | null };

async function outcomeOf(deliveryId: string): Promise<SendOutcome> {
  const d = await prisma.notificationDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
  return { status: d.status, statusCode: d.lastStatusCode, error: d.lastError };
}

export async function sendTestEvent(channelId: string): Promise<SendOutcome> {
  const channel = await prisma.notificationChannel.findUnique({ where: { id: channelId }, select: { name: true } });
  if (!channel) throw new ApplicationError("This channel no longer exists.", "not_found");
  const now = new Date();
  const { deliveryIds } = await emitNotificationEvent(prisma, {
    type: TEST_EVENT_TYPE,
    onlyChannelId: channelId,
    payload: {
      connectionId: null,
      connectionName: null,
      summary: `A test event from Handshake for the channel “${channel.name}”: it works.`,
      title: null,
      fix: null,
      code: null,
      testRunId: null,
      at: now.toISOString(),
    },
  });
  await deliverNotification(prisma, deliveryIds[0]!);
  return outcomeOf(deliveryIds[0]!);
}

export async function redeliver(deliveryId: string): Promise<SendOutcome> {
  const now = new Date();
  const reset = await prisma.notificationDelivery.updateMany({
    where: { id: deliveryId, OR: [{ claimedUntil: null }, { claimedUntil: { lte: now } }] },
    data: { status: "PENDING", nextAttemptAt: now, giveUpAt: now, claimedUntil: null },
  });
  if (reset.count === 0)
    throw new ApplicationError("This delivery is being sent right now or no longer exists.", "conflict");
  await deliverNotification(prisma, deliveryId);
  return outcomeOf(deliveryId);
}
