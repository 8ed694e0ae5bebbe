/**
 * The events a channel can subscribe to, and what each carries. One incident sends one
 * "started failing" and one "recovered" (lib/notifications/health-notifications.ts decides when).
 */
import { z } from "zod";
import { EXPIRING_CREDENTIALS } from "@/lib/connections/credential-expiry";

export const NOTIFICATION_EVENT_TYPES = [
  "connection.failing",
  "connection.recovered",
  "connection.needs_reauthorization",
  "secret.expiring",
  "secret.expired",
  "certificate.expiring",
  "certificate.expired",
  "connection.check_could_not_run",
  "connection.flapping",
] as const;
export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

/** Sent by Send test event to one channel only; no channel subscribes to it. */
export const TEST_EVENT_TYPE = "handshake.test";

export const NOTIFICATION_EVENT_LABELS: Record<NotificationEventType | typeof TEST_EVENT_TYPE, string> = {
  "connection.failing": "Connection started failing",
  "connection.recovered": "Connection recovered",
  "connection.needs_reauthorization": "Needs re-authorization",
  "secret.expiring": "Client secret expiring",
  "secret.expired": "Client secret expired",
  "certificate.expiring": "Client certificate expiring",
  "certificate.expired": "Client certificate expired",
  "connection.check_could_not_run": "Scheduled check could not run",
  "connection.flapping": "Connection flapping",
  [TEST_EVENT_TYPE]: "Test event",
};

export function notificationEventLabel(type: string): string {
  return NOTIFICATION_EVENT_LABELS[type as NotificationEventType] ?? type;
}

/** What an event says; the diagnosis words come from lib/diagnosis, which never hold a secret. */
export const notificationPayloadSchema = z.object({
  connectionId: z.string().nullable(),
  connectionName: z.string().nullable(),
  /** What happened, in words. */
  summary: z.string(),
  /** The diagnosis title and fix, when a failure was diagnosed. */
  title: z.string().nullable(),
  fix: z.string().nullable(),
  code: z.string().nullable(),
  /** The test run whose result page explains it. */
  testRunId: z.string().nullable(),
  /** Expiry reminders: which credential, its expiry date (YYYY-MM-DD) and whole days left (0 on the day, negative when sent late). */
  credential: z.enum(EXPIRING_CREDENTIALS).optional(),
  expiresOn: z.string().optional(),
  daysLeft: z.number().int().optional(),
  at: z.iso.datetime(),
});
export type NotificationPayload = z.infer<typeof notificationPayloadSchema>;

export function parseNotificationPayload(text: string): NotificationPayload {
  return notificationPayloadSchema.parse(JSON.parse(text));
}
