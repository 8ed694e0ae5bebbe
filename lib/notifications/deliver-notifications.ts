/**
 * Sends due deliveries and records every attempt. Each delivery is claimed with one conditional
 * update before it is sent, so even two dispatchers (the job lease normally allows one) never
 * send it twice at once. A failed attempt is retried with exponential back-off until its day is
 * over; a destination the outbound policy refuses is not retried (it would be refused again).
 */
import type { Db } from "@/lib/db/prisma";
import type { NotificationChannel } from "@/lib/db/generated/client";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { parseNotificationPayload } from "@/lib/notifications/notification-events";
import type { NotificationMessage } from "@/lib/notifications/notification-message";
import { sendWebhook, type AttemptResult } from "@/lib/notifications/send-webhook";
import { sendEmail } from "@/lib/notifications/send-email";
import type { GuardedFetch } from "@/lib/net/guarded-fetch";

const FIRST_RETRY_MS = 30_000;
const LONGEST_WAIT_MS = 2 * 60 * 60 * 1000;
/** Longer than any attempt (10 s timeouts): a process that died mid-send frees its claim. */
const CLAIM_MS = 60_000;
const BATCH = 20;

export type DeliveryOptions = { now?: Date; fetch?: GuardedFetch };

/** 30 s after the first failure, doubling up to two hours. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** (failedAttempts - 1), LONGEST_WAIT_MS);
}

/** Sends every delivery due at `now`; returns how many were attempted. */
export async function deliverDueNotifications(db: Db, options: DeliveryOptions = {}): Promise<number> {
  const now = options.now ?? new Date();
  const due = await db.notificationDelivery.findMany({
    where: {
      status: "PENDING",
      nextAttemptAt: { lte: now },
      OR: [{ claimedUntil: null }, { claimedUntil: { lte: now } }],
    },
    orderBy: { nextAttemptAt: "asc" },
    select: { id: true },
    take: BATCH,
  });
  let attempted = 0;
  for (const { id } of due) if (await deliverNotification(db, id, { ...options, now })) attempted += 1;
  return attempted;
}

/** Claims and sends one pending delivery; false when another process has it or it is not pending. */
export async function deliverNotification(db: Db, deliveryId: string, options: DeliveryOptions = {}): Promise<boolean> {
  const now = options.now ?? new Date();
  const claimed = await db.notificationDelivery.updateMany({
    where: { id: deliveryId, status: "PENDING", OR: [{ claimedUntil: null }, { claimedUntil: { lte: now } }] },
    data: { claimedUntil: new Date(now.getTime() + CLAIM_MS) },
  });
  if (claimed.count === 0) return false;
  const delivery = await db.notificationDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    include: { event: true, channel: true },
  });
  const message: NotificationMessage = {
    id: delivery.id,
    type: delivery.event.type,
    createdAt: delivery.event.createdAt,
    payload: parseNotificationPayload(delivery.event.payload),
  };
  const started = performance.now();
  const result = await sendTo(delivery.channel, message, options.fetch);
  const durationMs = Math.round(performance.now() - started);
  const attemptCount = delivery.attemptCount + 1;
  const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attemptCount));
  const status =
    result.outcome === "DELIVERED"
      ? "DELIVERED"
      : result.outcome === "REFUSED" || nextAttemptAt > delivery.giveUpAt
        ? "FAILED"
        : "PENDING";
  await db.$transaction([
    db.notificationAttempt.create({
      data: {
        deliveryId,
        at: now,
        outcome: result.outcome,
        statusCode: result.statusCode,
        error: result.error,
        durationMs,
      },
    }),
    db.notificationDelivery.update({
      where: { id: deliveryId },
      data: {
        status,
        attemptCount,
        nextAttemptAt: status === "PENDING" ? nextAttemptAt : now,
        claimedUntil: null,
        lastStatusCode: result.statusCode,
        lastError: result.error,
      },
    }),
  ]);
  return true;
}

function sendTo(
  channel: NotificationChannel,
  message: NotificationMessage,
  fetch?: GuardedFetch,
): Promise<AttemptResult> {
  const open = (value: string | null, field: string) =>
    value ? decryptSecret(value, { recordId: channel.id, field }) : null;
  if (channel.kind === "WEBHOOK") {
    return sendWebhook(
      {
        url: open(channel.webhookUrlEncrypted, "webhookUrl")!,
        format: channel.webhookFormat ?? "STANDARD",
        signingSecret: open(channel.webhookSecretEncrypted, "webhookSecret")!,
      },
      message,
      fetch,
    );
  }
  return sendEmail(
    {
      host: channel.smtpHost!,
      port: channel.smtpPort!,
      security: channel.smtpSecurity ?? "STARTTLS",
      user: channel.smtpUser,
      password: open(channel.smtpPasswordEncrypted, "smtpPassword"),
      from: channel.smtpFrom!,
      recipients: (channel.smtpRecipients ?? "")
        .split(",")
        .map((r) => r.trim())
        .filter(Boolean),
    },
    message,
  );
}
