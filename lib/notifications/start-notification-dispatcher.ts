/**
 * Starts the notification dispatcher once per server process, from Next's instrumentation hook,
 * every NOTIFICATION_INTERVAL_SECONDS (0 turns it off).
 */
import { getConfig } from "@/lib/config/env";
import { prisma } from "@/lib/db/prisma";
import { processState } from "@/lib/tokens/process-state";
import { startNotificationDispatcher, type NotificationDispatcher } from "@/lib/notifications/notification-dispatcher";

export function startNotifications(): NotificationDispatcher | null {
  const seconds = getConfig().notificationIntervalSeconds;
  if (seconds === 0) return null;
  return processState("notification-dispatcher", () =>
    startNotificationDispatcher(prisma, { intervalMs: seconds * 1000 }),
  );
}
