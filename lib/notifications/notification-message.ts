/**
 * The words of a notification, shared by the webhook and e-mail senders: what happened to which
 * connection, the diagnosis title and fix, and the link to the result page (or the connection).
 */
import { getConfig } from "@/lib/config/env";
import { testResultPath } from "@/lib/connection-tests/test-paths";
import { notificationEventLabel, type NotificationPayload } from "@/lib/notifications/notification-events";

export type NotificationMessage = {
  /** The delivery's id: the same on every retry and redelivery (Standard Webhooks `webhook-id`). */
  id: string;
  type: string;
  createdAt: Date;
  payload: NotificationPayload;
};

export function notificationLink(payload: NotificationPayload): string {
  const { appUrl } = getConfig();
  if (payload.connectionId && payload.testRunId)
    return appUrl + testResultPath(payload.connectionId, payload.testRunId);
  if (payload.connectionId) return `${appUrl}/connections/${encodeURIComponent(payload.connectionId)}`;
  return `${appUrl}/notifications`;
}

export function notificationSubject(message: NotificationMessage): string {
  const name = message.payload.connectionName;
  return `[Handshake] ${notificationEventLabel(message.type)}${name ? `: ${name}` : ""}`;
}

function daysLeftText(days: number): string {
  if (days < 0) return "expired";
  if (days === 0) return "expires today";
  return `${days} day${days === 1 ? "" : "s"} left`;
}

/** A reminder without `credential` was sent before certificates had reminders: it is the secret's. */
function expiringNoun(payload: NotificationPayload): string {
  return payload.credential === "certificate" ? "Certificate" : "Secret";
}

/** Plain-text lines: the summary, the diagnosis title and fix (or the expiry date and what to do), the link. */
export function notificationLines(message: NotificationMessage): string[] {
  const { payload } = message;
  return [
    payload.summary,
    ...(payload.connectionName ? [`Connection: ${payload.connectionName}`] : []),
    ...(payload.expiresOn
      ? [`${expiringNoun(payload)} expires on: ${payload.expiresOn} (${daysLeftText(payload.daysLeft ?? 0)})`]
      : []),
    ...(payload.title ? [`Diagnosis: ${payload.title}`] : []),
    ...(payload.fix ? [`Fix: ${payload.fix}`] : []),
    `Details: ${notificationLink(payload)}`,
  ];
}

/** The Standard Webhooks body: type, timestamp and the event's data. */
export function webhookBody(message: NotificationMessage): Record<string, unknown> {
  return {
    type: message.type,
    timestamp: message.createdAt.toISOString(),
    data: { ...message.payload, link: notificationLink(message.payload) },
  };
}

/** A Slack or Teams incoming webhook shows `text`. */
export function slackBody(message: NotificationMessage): Record<string, unknown> {
  return { text: [`*${notificationSubject(message)}*`, ...notificationLines(message)].join("\n") };
}
