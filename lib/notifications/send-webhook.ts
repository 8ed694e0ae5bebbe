/**
 * Sends one notification to a webhook through the guarded fetch, signed per Standard Webhooks
 * (https://www.standardwebhooks.com/: `webhook-id`, `webhook-timestamp`, `webhook-signature`,
 * HMAC-SHA256 over "id.timestamp.body"). A 2xx answer is delivered; anything else is retried.
 */
import { Webhook } from "standardwebhooks";
import { guardedFetch as defaultFetch, OutboundBlockedError, type GuardedFetch } from "@/lib/net/guarded-fetch";
import { slackBody, webhookBody, type NotificationMessage } from "@/lib/notifications/notification-message";

export type AttemptResult = {
  outcome: "DELIVERED" | "FAILED" | "REFUSED";
  statusCode: number | null;
  error: string | null;
};

export type WebhookTarget = { url: string; format: string; signingSecret: string };

export async function sendWebhook(
  target: WebhookTarget,
  message: NotificationMessage,
  fetch: GuardedFetch = defaultFetch,
): Promise<AttemptResult> {
  const body = JSON.stringify(target.format === "SLACK" ? slackBody(message) : webhookBody(message));
  // The timestamp is when this attempt is sent: receivers refuse signatures older than a few minutes.
  const sentAt = new Date();
  const signature = new Webhook(target.signingSecret).sign(message.id, sentAt, body);
  try {
    const response = await fetch(target.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Handshake-Notifications",
        "webhook-id": message.id,
        "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
        "webhook-signature": signature,
      },
      body,
    });
    const delivered = response.status >= 200 && response.status < 300;
    return {
      outcome: delivered ? "DELIVERED" : "FAILED",
      statusCode: response.status,
      error: delivered ? null : `The receiver answered ${response.status}.`,
    };
  } catch (error) {
    if (error instanceof OutboundBlockedError) return { outcome: "REFUSED", statusCode: null, error: error.message };
    return { outcome: "FAILED", statusCode: null, error: describeNetworkError(error) };
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `Could not reach the receiver (${cause.code}).`;
  return error instanceof Error && error.name === "TimeoutError"
    ? "The receiver did not answer within 10 seconds."
    : "Could not reach the receiver.";
}
