/**
 * Notifications in the browser: an admin adds a webhook channel, copies its signing secret once,
 * sends a test event that a real receiver on loopback verifies (Standard Webhooks), sees the
 * delivery in the log and redelivers it; a connection whose secret the provider then refuses
 * sends one "failing" and, once fixed, one "recovered" through the built app's background
 * dispatcher; an auditor sees the channel and the log without any control; the secret is never
 * on the page again; the admin deletes the channel.
 */
import { expect, test } from "@playwright/test";
import { createUser, signIn, signInAsAdmin } from "../helpers/auth";
import { detail, uniqueConnectionName } from "../helpers/connections";
import { replaceStoredSecret, seedClientCredentialsConnection } from "../helpers/seed-connection";
import { expectTestResult } from "../helpers/test-connection";
import { TEST_CLIENTS } from "../support/oidc-clients";
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
  // Four tests and two waits for the background dispatcher (every 10 s) on a loaded machine.
  test.setTimeout(180_000);
  const name = uniqueConnectionName("ops hook");
  const connection = await seedClientCredentialsConnection({ scopes: ["api:read"] });
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
  await n.connectionsChoice(page, "Chosen connections").click();
  await n.connectionChoice(page, connection.name).check();
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
  await expect(n.channelRow(page, name)).toContainText(connection.name);
  expect(receiver.received).toHaveLength(1);
  expect(receiver.received[0]).toMatchObject({ verified: true, body: { type: "handshake.test" } });

  await n.redeliver(page, name).click();
  await expect(page.getByText("Redelivery: Delivered (200).")).toBeVisible();
  await expect(n.deliveryRows(page, name).getByRole("cell").nth(4)).toHaveText("2");
  expect(receiver.received.map((r) => [r.id, r.verified])).toEqual([
    [receiver.received[0]!.id, true],
    [receiver.received[0]!.id, true],
  ]);

  // An incident: Healthy, then the provider refuses the secret, then it is set right again.
  const testNow = async (outcome: "Success" | "Failed") => {
    await page.goto(`/connections/${connection.id}`);
    await detail.testButton(page).click();
    await expectTestResult(page, outcome);
  };
  const hooksFor = () =>
    receiver.received
      .filter((r) => (r.body.data as { connectionId?: string }).connectionId === connection.id)
      .map((r) => [r.body.type, r.verified]);
  await testNow("Success");
  await replaceStoredSecret(connection.id, "rotated-away-at-the-provider");
  await testNow("Failed");
  await testNow("Failed");
  await expect.poll(hooksFor, { timeout: 30_000 }).toEqual([["connection.failing", true]]);
  await replaceStoredSecret(connection.id, TEST_CLIENTS.clientCredentialsBasic.clientSecret);
  await testNow("Success");
  await expect.poll(hooksFor, { timeout: 30_000 }).toEqual([
    ["connection.failing", true],
    ["connection.recovered", true],
  ]);
  await page.goto("/notifications");
  await expect(n.deliveryRows(page, name).filter({ hasText: connection.name })).toHaveCount(2);

  await page.reload();
  expect(await page.content()).not.toContain(secret.slice(6));
  expect(await page.content()).not.toContain(receiver.url);

  const auditor = createUser("AUDITOR");
  const auditorContext = await browser.newContext();
  const auditorPage = await auditorContext.newPage();
  await signIn(auditorPage, auditor);
  await auditorPage.goto("/notifications");
  await expect(n.channelRow(auditorPage, name)).toBeVisible();
  await expect(n.deliveryRows(auditorPage, name)).toHaveCount(3);
  await expect(n.addButton(auditorPage)).toHaveCount(0);
  await expect(n.sendTestEvent(auditorPage, name)).toHaveCount(0);
  await expect(n.redeliver(auditorPage, name)).toHaveCount(0);
  await auditorContext.close();

  await n.deleteButton(page, name).click();
  await n.confirmDelete(page).click();
  await expect(n.channelRow(page, name)).toHaveCount(0);
});
