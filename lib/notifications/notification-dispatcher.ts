/**
 * The background job that sends notifications: one process at a time holds its job lease
 * (lib/jobs/start-leased-job.ts), so with several replicas exactly one delivers. The clock is
 * injectable so tests move time instead of sleeping through back-off.
 */
import type { Db } from "@/lib/db/prisma";
import { startLeasedJob, type LeasedJob } from "@/lib/jobs/start-leased-job";
import { deliverDueNotifications, type DeliveryOptions } from "@/lib/notifications/deliver-notifications";

export type NotificationDispatcher = LeasedJob;

export function startNotificationDispatcher(
  db: Db,
  options: { intervalMs: number; clock?: () => Date; fetch?: DeliveryOptions["fetch"]; timer?: boolean },
): NotificationDispatcher {
  const clock = options.clock ?? (() => new Date());
  return startLeasedJob(db, {
    name: "notification-dispatcher",
    description: "notification delivery",
    intervalMs: options.intervalMs,
    timer: options.timer,
    run: () => deliverDueNotifications(db, { now: clock(), fetch: options.fetch }),
  });
}
