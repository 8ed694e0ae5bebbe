/**
 * One incident, one "failing" and one "recovered", through the real test authorization server:
 * a connection whose secret the provider then refuses turns Failing and notifies once; 50 token
 * API calls and another failed test during the outage add nothing; the fixed secret's passed test
 * notifies "recovered" once. The webhook receiver verifies every signature, and a real SMTP server
 * receives the two mails with the connection, diagnosis and link, and no secret.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TokenApiFixture } from "@/lib/testing/token-api-fixture";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";
import { startSmtpReceiver } from "@/lib/testing/smtp-receiver";
import type { NotificationChannelInput } from "@/lib/schemas/notification-channel";
import { smtpChannelSettings } from "@/lib/testing/smtp-channel-settings";

let f: TokenApiFixture;
let receiver: WebhookReceiver;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let admin: Awaited<ReturnType<TokenApiFixture["createAdmin"]>>;
const SMTP_PASSWORD = "smtp-password-never-mailed-71c2";
const WRONG_SECRET = "rotated-away-at-the-provider-9f3e";
const secrets: string[] = [SMTP_PASSWORD, WRONG_SECRET];

beforeAll(async () => {
  const { startTokenApiFixture, FIXTURE_CLIENTS } = await import("@/lib/testing/token-api-fixture");
  f = await startTokenApiFixture();
  secrets.push(FIXTURE_CLIENTS.cc.clientSecret);
  receiver = await startWebhookReceiver();
  smtp = await startSmtpReceiver();
  admin = await f.createAdmin("alerts@unit.test");
  const { createChannel } = await import("@/lib/notifications/manage-channels");
  const { defaultChannelValues } = await import("@/lib/schemas/notification-channel");
  const base: NotificationChannelInput = defaultChannelValues();
  const hook = await createChannel(admin.actor, { ...base, name: "ops hook", webhookUrl: receiver.url });
  receiver.setSecret(hook.signingSecret!);
  secrets.push(hook.signingSecret!);
  await createChannel(admin.actor, {
    ...base,
    name: "ops mail",
    ...smtpChannelSettings(smtp.port, SMTP_PASSWORD, {
      from: "handshake@alerts.test",
      to: "ops@alerts.test, oncall@alerts.test",
    }),
  });
}, 120_000);

afterAll(async () => {
  await receiver?.close();
  await smtp?.close();
  await f?.close();
});

const runTest = (connectionId: string) => f.runClientCredentialsTest(connectionId, admin);

/** A secret change at the provider: the stored secret no longer matches, in the last good configuration too. */
async function setProviderSecret(connectionId: string, secret: string) {
  const { encryptSecret } = await import("@/lib/crypto/secret-box");
  const data = { clientSecretEncrypted: encryptSecret(secret, { recordId: connectionId, field: "clientSecret" }) };
  await f.db.connection.update({ where: { id: connectionId }, data });
  await f.db.connectionGoodConfiguration.updateMany({ where: { connectionId }, data });
}

async function deliverAll() {
  const { startNotificationDispatcher } = await import("@/lib/notifications/notification-dispatcher");
  const dispatcher = startNotificationDispatcher(f.db, { intervalMs: 60_000, timer: false });
  try {
    while ((await dispatcher.runOnce()) > 0);
  } finally {
    await dispatcher.stop();
  }
}

const eventsOf = async (connectionId: string) =>
  (await f.db.notificationEvent.findMany({ where: { connectionId }, orderBy: { createdAt: "asc" } })).map(
    (e) => e.type,
  );
const hooksOf = (connectionId: string) =>
  receiver.received.filter((r) => (r.body.data as { connectionId?: string }).connectionId === connectionId);

describe("one incident, one failing and one recovered", () => {
  it("a refused secret found by a test notifies once; 50 token API calls and another failed test add nothing; the fix notifies once", async () => {
    const { FIXTURE_CLIENTS } = await import("@/lib/testing/token-api-fixture");
    const connection = await f.createConnection({ grantType: "client_credentials", name: "orders alerts" });
    expect((await runTest(connection.id)).outcome).toBe("SUCCESS");
    expect(await eventsOf(connection.id)).toEqual([]);

    await setProviderSecret(connection.id, WRONG_SECRET);
    const failed = await runTest(connection.id);
    expect(failed.outcome).toBe("FAILED");
    const { key } = await f.createKey({ connectionIds: [connection.id] });
    await f.db.tokenSet.updateMany({
      where: { connectionId: connection.id },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });
    for (let i = 0; i < 50; i++) expect((await f.callTokenApi(key, connection.id)).response.status).toBe(409);
    expect((await runTest(connection.id)).outcome).toBe("FAILED");
    expect(await eventsOf(connection.id)).toEqual(["connection.failing"]);

    await setProviderSecret(connection.id, FIXTURE_CLIENTS.cc.clientSecret);
    const passed = await runTest(connection.id);
    expect(passed.outcome).toBe("SUCCESS");
    expect((await runTest(connection.id)).outcome).toBe("SUCCESS");
    expect(await eventsOf(connection.id)).toEqual(["connection.failing", "connection.recovered"]);

    await deliverAll();
    const hooks = hooksOf(connection.id);
    expect(hooks.map((h) => h.body.type)).toEqual(["connection.failing", "connection.recovered"]);
    expect(hooks.every((h) => h.verified)).toBe(true);

    const run = await f.db.testRun.findUniqueOrThrow({ where: { id: failed.testRunId } });
    const diagnosis = JSON.parse(run.diagnosis!) as { title: string; fix: string };
    expect(diagnosis.title).toBe("Client authentication failed");
    const mails = smtp.mails.filter((m) => m.text.includes("orders alerts"));
    expect(mails).toHaveLength(2);
    const [failingMail, recoveredMail] = mails as [(typeof mails)[0], (typeof mails)[0]];
    expect(failingMail.to).toEqual(["ops@alerts.test", "oncall@alerts.test"]);
    expect(failingMail.text).toContain("Subject: [Handshake] Connection started failing: orders alerts");
    expect(failingMail.text).toContain(`Diagnosis: ${diagnosis.title}`);
    expect(failingMail.text).toContain(`Fix: ${diagnosis.fix}`);
    expect(failingMail.text).toContain(`http://127.0.0.1:9/connections/${connection.id}/tests/${failed.testRunId}`);
    expect(recoveredMail.text).toContain("Subject: [Handshake] Connection recovered: orders alerts");
    expect(recoveredMail.text).toContain(`http://127.0.0.1:9/connections/${connection.id}/tests/${passed.testRunId}`);
    for (const secret of secrets) {
      for (const mail of mails) expect(mail.raw).not.toContain(secret);
      for (const hook of hooks) expect(hook.raw).not.toContain(secret);
    }
  });

  it("found by 50 concurrent token API calls instead: still one failing, and one recovered after the fix", async () => {
    const { FIXTURE_CLIENTS } = await import("@/lib/testing/token-api-fixture");
    const connection = await f.createConnection({ grantType: "client_credentials", name: "billing alerts" });
    expect((await runTest(connection.id)).outcome).toBe("SUCCESS");
    const { key } = await f.createKey({ connectionIds: [connection.id] });
    await setProviderSecret(connection.id, WRONG_SECRET);
    await f.db.tokenSet.updateMany({
      where: { connectionId: connection.id },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });

    const answers = await Promise.all(Array.from({ length: 50 }, () => f.callTokenApi(key, connection.id)));
    expect(answers.every((a) => a.response.status === 409)).toBe(true);
    expect(await eventsOf(connection.id)).toEqual(["connection.failing"]);

    await setProviderSecret(connection.id, FIXTURE_CLIENTS.cc.clientSecret);
    expect((await runTest(connection.id)).outcome).toBe("SUCCESS");
    expect(await eventsOf(connection.id)).toEqual(["connection.failing", "connection.recovered"]);
    await deliverAll();
    const hooks = hooksOf(connection.id);
    expect(hooks.map((h) => h.body.type)).toEqual(["connection.failing", "connection.recovered"]);
    expect(hooks[0]!.body.data).toMatchObject({ title: "Client authentication failed", testRunId: null });
    expect(smtp.mails.filter((m) => m.text.includes("billing alerts"))).toHaveLength(2);
  });

  it("a rejected refresh token notifies needs re-authorization once, however often the token is asked for", async () => {
    const { encryptSecret } = await import("@/lib/crypto/secret-box");
    const connection = await f.createConnection({ name: "crm alerts" });
    const { tokenSetId } = await f.authorize(connection.id, { expiresAt: new Date(Date.now() - 60_000) });
    // A refresh token the provider no longer knows: it answers invalid_grant (RFC 6749 §5.2).
    await f.db.tokenSet.update({
      where: { id: tokenSetId },
      data: {
        refreshTokenEncrypted: encryptSecret("forgotten-by-the-provider", {
          recordId: tokenSetId,
          field: "refreshToken",
        }),
      },
    });
    const { key } = await f.createKey({ connectionIds: [connection.id] });
    for (let i = 0; i < 5; i++)
      expect((await f.callTokenApi(key, connection.id)).response.status).toBeGreaterThanOrEqual(400);
    expect(await eventsOf(connection.id)).toEqual(["connection.needs_reauthorization"]);
    await deliverAll();
    const [hook] = hooksOf(connection.id);
    expect(hook?.verified).toBe(true);
    expect(hook?.body.data).toMatchObject({ connectionName: "crm alerts", code: expect.any(String) });
    expect(String((hook?.body.data as { summary: string }).summary)).toContain("needs re-authorization");
  });
});
