/**
 * The background job that sends notifications: one process at a time holds its job lease
 * (lib/jobs/start-leased-job.ts), so with several replicas exactly one delivers. The clock is
 * injectable so tests move time instead of sleeping through back-off.
 */
import type { Db } from "@/lib/db/prisma";
import { startLeasedJob, type LeasedJob, type LeasedJobSchedule } from "@/lib/jobs/start-leased-job";
import { deliverDueNotifications, type DeliveryOptions } from "@/lib/notifications/deliver-notifications";

export type NotificationDispatcher = LeasedJob;

export function startNotificationDispatcher(
  db: Db,
  options: LeasedJobSchedule & { fetch?: DeliveryOptions["fetch"] },
): NotificationDispatcher {
  return startLeasedJob(db, options, {
    name: "notification-dispatcher",
    description: "notification delivery",
    run: (now) => deliverDueNotifications(db, { now, fetch: options.fetch }),
  });
}
