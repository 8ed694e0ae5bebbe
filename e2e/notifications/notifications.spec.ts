/**
 * Notifications in the browser: an admin adds a webhook channel, copies its signing secret once,
 * sends a test event that a real receiver on loopback verifies (Standard Webhooks), sees the
 * delivery in the log and redelivers it; an auditor sees the channel and the log without any
 * control; the secret is never on the page again.
 */
import { expect, test } from "@playwright/test";
import { createUser, signIn, signInAsAdmin } from "../helpers/auth";
import { uniqueConnectionName } from "../helpers/connections";
import { notificationsPage as n } from "../helpers/notifications";
import { startWebhookReceiver, type WebhookReceiver } from "../../lib/testing/webhook-receiver";

let receiver: WebhookReceiver;

test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
});

test.afterAll(async () => {
  await receiver?.close();
});

test("an admin adds a webhook channel, sends a test event the receiver verifies, sees it in the log and redelivers; an auditor only reads", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const name = uniqueConnectionName("ops hook");
  await signInAsAdmin(page);
  await n.navLink(page).click();
  await expect(n.heading(page)).toBeVisible();

  await n.addButton(page).click();
  await n.nameField(page).fill(name);
  await n.urlField(page).fill("ftp://example.test/hook");
  await n.submit(page).click();
  await expect(page.getByRole("dialog").getByText("Enter a full URL starting with https://.")).toBeVisible();
  await expect(n.nameField(page)).toHaveValue(name);
  await n.urlField(page).fill(receiver.url);
  await n.submit(page).click();
  const secret = (await n.signingSecret(page).textContent())!.trim();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
  receiver.setSecret(secret);
  await n.done(page).click();
  await expect(n.channelRow(page, name)).toContainText("127.0.0.1");

  await n.sendTestEvent(page, name).click();
  await expect(page.getByText("Test event: Delivered (200).")).toBeVisible();
  await expect(n.deliveryRows(page, name)).toHaveCount(1);
  await expect(n.deliveryRows(page, name)).toContainText("Test event");
  await expect(n.deliveryRows(page, name)).toContainText("Delivered");
  await expect(n.deliveryRows(page, name)).toContainText("200");
  expect(receiver.received).toHaveLength(1);
  expect(receiver.received[0]).toMatchObject({ verified: true, body: { type: "handshake.test" } });

  await n.redeliver(page, name).click();
  await expect(page.getByText("Redelivery: Delivered (200).")).toBeVisible();
  await expect(n.deliveryRows(page, name).getByRole("cell").nth(4)).toHaveText("2");
  expect(receiver.received.map((r) => [r.id, r.verified])).toEqual([
    [receiver.received[0]!.id, true],
    [receiver.received[0]!.id, true],
  ]);

  await page.reload();
  expect(await page.content()).not.toContain(secret.slice(6));
  expect(await page.content()).not.toContain(receiver.url);

  const auditor = createUser("AUDITOR");
  const auditorContext = await browser.newContext();
  const auditorPage = await auditorContext.newPage();
  await signIn(auditorPage, auditor);
  await auditorPage.goto("/notifications");
  await expect(n.channelRow(auditorPage, name)).toBeVisible();
  await expect(n.deliveryRows(auditorPage, name)).toHaveCount(1);
  await expect(n.addButton(auditorPage)).toHaveCount(0);
  await expect(n.sendTestEvent(auditorPage, name)).toHaveCount(0);
  await expect(n.redeliver(auditorPage, name)).toHaveCount(0);
  await auditorContext.close();
});
