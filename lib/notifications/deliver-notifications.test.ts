/**
 * Webhook delivery against a real receiver on loopback and a real database: every delivery is
 * signed per Standard Webhooks (verified by the standardwebhooks library), a receiver answering
 * 500 twice gets the third attempt after back-off (an injected clock, no sleeps), a private
 * address without the outbound allowance is refused and logged, and two dispatchers deliver once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openNotificationTestDatabase, type NotificationTestDatabase } from "@/lib/testing/notification-test-database";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";
import type { NotificationChannelInput } from "@/lib/schemas/notification-channel";

let database: NotificationTestDatabase;
let receiver: WebhookReceiver;
let db: typeof import("@/lib/db/prisma").prisma;
const actor = { id: null, email: "admin@notify.test", role: "ADMIN", ip: "127.0.0.1", userAgent: "vitest" };

beforeAll(async () => {
  database = await openNotificationTestDatabase();
  db = database.db;
  receiver = await startWebhookReceiver();
}, 120_000);

afterAll(async () => {
  await receiver?.close();
  await database?.close();
});

async function webhookChannel(url: string, format: "STANDARD" | "SLACK" = "STANDARD") {
  const { createChannel } = await import("@/lib/notifications/manage-channels");
  const { defaultChannelValues } = await import("@/lib/schemas/notification-channel");
  const input: NotificationChannelInput = {
    ...defaultChannelValues(),
    name: `hook ${Date.now()}`,
    webhookUrl: url,
    webhookFormat: format,
  };
  const created = await createChannel(actor, input);
  receiver.setSecret(created.signingSecret!);
  return created;
}

async function testEventTo(channelId: string, now: Date) {
  const { emitNotificationEvent } = await import("@/lib/notifications/emit-notification");
  const { deliveryIds } = await emitNotificationEvent(
    db,
    {
      type: "connection.failing",
      onlyChannelId: channelId,
      payload: {
        connectionId: "c-orders",
        connectionName: "orders",
        summary: "orders started failing.",
        title: "Client authentication failed",
        fix: "Re-enter the client secret.",
        code: "invalid_client",
        testRunId: "run1",
        at: now.toISOString(),
      },
    },
    now,
  );
  return deliveryIds[0]!;
}

async function dispatcherAt(clock: { now: Date }) {
  const { startNotificationDispatcher } = await import("@/lib/notifications/notification-dispatcher");
  return startNotificationDispatcher(db, { intervalMs: 60_000, timer: false, clock: () => clock.now });
}

describe("webhook delivery", () => {
  it("signs every attempt, retries a receiver answering 500 twice with back-off, and the third attempt delivers", async () => {
    const channel = await webhookChannel(receiver.url);
    const clock = { now: new Date("2026-12-05T10:00:00Z") };
    const deliveryId = await testEventTo(channel.id, clock.now);
    receiver.answerNext(500, 500);
    const dispatcher = await dispatcherAt(clock);
    try {
      expect(await dispatcher.runOnce()).toBe(1);
      expect(await dispatcher.runOnce()).toBe(0);
      clock.now = new Date(clock.now.getTime() + 30_000);
      expect(await dispatcher.runOnce()).toBe(1);
      clock.now = new Date(clock.now.getTime() + 59_000);
      expect(await dispatcher.runOnce()).toBe(0);
      clock.now = new Date(clock.now.getTime() + 1_000);
      expect(await dispatcher.runOnce()).toBe(1);
    } finally {
      await dispatcher.stop();
    }
    const mine = receiver.received.filter((r) => r.id === deliveryId);
    expect(mine).toHaveLength(3);
    expect(mine.every((r) => r.verified)).toBe(true);
    expect(mine[2]!.body).toMatchObject({
      type: "connection.failing",
      data: {
        connectionName: "orders",
        title: "Client authentication failed",
        fix: "Re-enter the client secret.",
        link: "https://handshake.example/connections/c-orders/tests/run1",
      },
    });
    const delivery = await db.notificationDelivery.findUniqueOrThrow({
      where: { id: deliveryId },
      include: { attempts: { orderBy: { at: "asc" } } },
    });
    expect(delivery.status).toBe("DELIVERED");
    expect(delivery.attempts.map((a) => [a.outcome, a.statusCode])).toEqual([
      ["FAILED", 500],
      ["FAILED", 500],
      ["DELIVERED", 200],
    ]);
  });

  it("a Slack-compatible channel gets a text body, still signed", async () => {
    const channel = await webhookChannel(receiver.url, "SLACK");
    const clock = { now: new Date() };
    const deliveryId = await testEventTo(channel.id, clock.now);
    const dispatcher = await dispatcherAt(clock);
    try {
      expect(await dispatcher.runOnce()).toBe(1);
    } finally {
      await dispatcher.stop();
    }
    const [got] = receiver.received.filter((r) => r.id === deliveryId);
    expect(got?.verified).toBe(true);
    expect(Object.keys(got!.body)).toEqual(["text"]);
    expect(String(got!.body.text)).toContain("Diagnosis: Client authentication failed");
  });

  it("refuses a private address without the outbound allowance, logs it, and does not retry", async () => {
    const channel = await webhookChannel("http://10.20.30.40/hook");
    const clock = { now: new Date() };
    const deliveryId = await testEventTo(channel.id, clock.now);
    const before = receiver.received.length;
    const dispatcher = await dispatcherAt(clock);
    try {
      expect(await dispatcher.runOnce()).toBe(1);
      clock.now = new Date(clock.now.getTime() + 3_600_000);
      expect(await dispatcher.runOnce()).toBe(0);
    } finally {
      await dispatcher.stop();
    }
    expect(receiver.received.length).toBe(before);
    const delivery = await db.notificationDelivery.findUniqueOrThrow({
      where: { id: deliveryId },
      include: { attempts: true },
    });
    expect(delivery.status).toBe("FAILED");
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.attempts[0]).toMatchObject({ outcome: "REFUSED", statusCode: null });
    expect(delivery.attempts[0]!.error).toContain("private");
  });

  it("two dispatchers (replicas) deliver each event once", async () => {
    const channel = await webhookChannel(receiver.url);
    const clock = { now: new Date() };
    const deliveryId = await testEventTo(channel.id, clock.now);
    const one = await dispatcherAt(clock);
    const two = await dispatcherAt(clock);
    try {
      const counts = await Promise.all([one.runOnce(), two.runOnce(), one.runOnce(), two.runOnce()]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    } finally {
      await one.stop();
      await two.stop();
    }
    expect(receiver.received.filter((r) => r.id === deliveryId)).toHaveLength(1);
  });
});
