import { expect } from "@playwright/test";
import { test } from "../helpers/admin-test";
import { apiKeysPage, createApiKeyInBrowser, requestToken } from "../helpers/api-keys";
import {
  authorizeSharedTokenSet,
  connectionAuditEvents,
  createApiKeyDirectly,
  expireStoredTokens,
  replaceStoredSecret,
  seedConnection,
  seedClientCredentialsConnection,
  seedWebConnection,
} from "../helpers/seed-connection";
import { authorizeInPopup, expectTestResult, progress } from "../helpers/test-connection";
import { detail, health, list } from "../helpers/connections";
import { goToInventory, inventoryRow } from "../helpers/audit";
import { TEST_CLIENTS } from "../support/oidc-clients";

test.describe.configure({ timeout: 120_000 });

test("[UX][DETAIL] the detail page leads with health, and status shows an expired token in detail and list", async ({
  page,
}) => {
  // Automatic refresh off, so the background refresher cannot replace the token expired below.
  const connection = await seedClientCredentialsConnection({ scopes: ["api:read"], autoRefresh: false });
  await page.goto(`/connections/${connection.id}`);

  // Header: one primary (Test), one secondary (Edit), everything else behind "More actions".
  const main = page.getByRole("main");
  await expect(detail.testButton(page)).toBeVisible();
  await expect(detail.actionButton(page, "Edit")).toBeVisible();
  for (const name of ["Rotate secret", "Duplicate", "Disable", "Delete"])
    await expect(main.getByRole("button", { name, exact: true })).toHaveCount(0);
  await detail.moreActions(page).click();
  for (const name of ["Rotate secret", "Duplicate", "Disable", "Delete"] as const)
    await expect(detail.menuItem(page, name)).toBeVisible();
  await page.keyboard.press("Escape");

  // Health comes first: the first section heading, before configuration, tests and audit.
  expect(await main.getByRole("heading", { level: 2 }).first().textContent()).toBe("Health");
  const sections = await main.locator("section > h2, section > div > h2").allTextContents();
  expect(sections.indexOf("Health")).toBeLessThan(sections.indexOf("Configuration"));
  expect(sections.indexOf("Configuration")).toBeLessThan(sections.indexOf("Tests"));
  expect(sections.indexOf("Tests")).toBeLessThan(sections.indexOf("Audit"));
  await expect(page.getByTestId("health-last-test")).toContainText("Never tested");
  await expect(page.getByTestId("health-secret")).toContainText(/Set /);
  await expect(detail.status(page)).toHaveText("Not tested");

  await detail.testButton(page).click();
  await expectTestResult(page, "Success");
  await page.goto(`/connections/${connection.id}`);
  await expect(detail.status(page)).toHaveText("Healthy");
  await expect(page.getByTestId("health-last-test")).toContainText("Success");
  await expect(page.getByTestId("health-token")).toContainText("Valid until");

  // An expired cached client-credentials token is no alarm: the next request fetches a new one.
  expect(await expireStoredTokens(connection.id)).toBe(1);
  await page.reload();
  await expect(detail.status(page)).toHaveText("Healthy");
  await expect(page.getByTestId("health-token")).toContainText(/Expired .*ago/);
  await expect(page.getByTestId("health-token")).toContainText("A new one is fetched on the next request");
  await page.goto("/connections");
  await list.search(page, connection.name);
  await expect(list.row(page, connection.name).getByTestId("connection-status")).toHaveText("Healthy");

  // A code flow's expired token is one: only a refresh or a new authorization brings it back.
  // Automatic refresh off, so the background refresher cannot renew it while the page loads.
  const web = await seedWebConnection({ scopes: ["openid", "offline_access"], health: "HEALTHY", autoRefresh: false });
  await authorizeSharedTokenSet(web.id, { expired: true });
  await page.goto(`/connections/${web.id}`);
  await expect(detail.status(page)).toHaveText("Token expired");
  await page.goto("/connections");
  await list.search(page, web.name);
  await expect(list.row(page, web.name).getByTestId("connection-status")).toHaveText("Token expired");
});

test("[UX][HEALTH] one honest health: a refused token request shows its cause, key and time next to Failing, in the inventory too, and Test now mends it", async ({
  page,
}) => {
  const { clientSecret } = TEST_CLIENTS.clientCredentialsBasic;
  // Automatic refresh off: the refusal below is the bot's, not a background refresh's that won the race.
  const connection = await seedClientCredentialsConnection({ scopes: ["api:read"], autoRefresh: false });
  await page.goto(`/connections/${connection.id}`);
  await detail.testButton(page).click();
  await expectTestResult(page, "Success");
  await page.goto(`/connections/${connection.id}`);
  await expect(health.problem(page)).toHaveCount(0);

  // The secret is rotated at the provider; once the cached token expires, a bot's request is refused.
  const keyName = `health ${connection.name}`.slice(0, 60);
  const { key } = await createApiKeyDirectly(keyName, [connection.id]);
  await replaceStoredSecret(connection.id, "rotated-away-at-the-provider");
  await expireStoredTokens(connection.id);
  const refused = await requestToken(key, connection.id);
  expect(refused.status).toBe(409);
  expect(refused.body.type).toBe("urn:handshake:problem:token-request-refused");

  await page.reload();
  await expect(detail.status(page)).toHaveText("Failing");
  // The cause sits next to the status, above the last test that passed before it.
  await expect(health.problem(page)).toContainText("Client authentication failed");
  await expect(health.problem(page)).toContainText(`Token API refresh, API key ${keyName}`);
  const foundAt = Date.parse((await health.problem(page).locator("time").getAttribute("datetime"))!);
  expect(Date.now() - foundAt).toBeLessThan(120_000);
  await expect(page.getByTestId("health-last-test")).toContainText("Success");
  const problemBox = await health.problem(page).boundingBox();
  const lastTestBox = await page.getByTestId("health-last-test").boundingBox();
  expect(problemBox!.y).toBeLessThan(lastTestBox!.y);

  await goToInventory(page, `q=${encodeURIComponent(connection.name)}`);
  const row = inventoryRow(page, connection.name);
  await expect(row.getByTestId("inventory-problem")).toContainText("Client authentication failed");
  await expect(row.getByTestId("inventory-problem")).toContainText(`API key ${keyName}`);

  // Set right again, Test now clears the problem.
  await replaceStoredSecret(connection.id, clientSecret);
  await page.goto(`/connections/${connection.id}`);
  await health.testNow(page).click();
  await expectTestResult(page, "Success");
  await page.goto(`/connections/${connection.id}`);
  await expect(detail.status(page)).toHaveText("Healthy");
  await expect(health.problem(page)).toHaveCount(0);
  expect((await requestToken(key, connection.id)).status).toBe(200);
});

test("[UX][PROGRESS] a code-flow test shows its steps as they happen; closing the provider window cancels it and says so", async ({
  page,
}) => {
  const connection = await seedWebConnection({
    scopes: ["openid"],
  });
  await page.goto(`/connections/${connection.id}`);
  const popupOpened = page.waitForEvent("popup");
  await detail.testButton(page).click();
  const popup = await popupOpened;
  await expect(progress.panel(page)).toContainText("Sign in and consent at the provider");
  // The steps the server recorded before the redirect appear while the admin signs in.
  await expect(progress.steps(page).filter({ hasText: "Discovery" })).toBeVisible();
  await popup.close();
  await expect(page.getByRole("alert").filter({ hasText: "Sign-in window closed — test cancelled" })).toBeVisible();
  await expect(detail.testButton(page)).toBeEnabled();
  await page.reload();
  await expect(page.getByTestId("test-history-row").first()).toContainText("Cancelled");
  // A cancelled test says nothing about the connection: the last test is the last completed one.
  await expect(page.getByTestId("health-last-test")).toContainText("Never tested");
  const events = await connectionAuditEvents(connection.id);
  expect(events.at(-1)).toMatchObject({ action: "connection.tested", details: { outcome: "CANCELLED" } });

  // The next attempt runs to the end as usual.
  const again = page.waitForEvent("popup");
  await detail.testButton(page).click();
  await authorizeInPopup(await again);
  await expectTestResult(page, "Success");
  await page.goto(`/connections/${connection.id}`);
  await expect(page.getByTestId("health-last-test")).toContainText("Success");
});

test("[UX][DETAIL] the health overview says when the token API last served the token", async ({ page }) => {
  const connection = await seedConnection({
    grantType: "client_credentials",
    ...TEST_CLIENTS.clientCredentialsPost,
    clientAuthMethod: "client_secret_post",
    scopes: ["api:read"],
  });
  await page.goto(`/connections/${connection.id}`);
  await expect(page.getByTestId("health-last-served")).toContainText("Never, by the token API");

  await page.goto("/api-keys");
  await createApiKeyInBrowser(page, `served ${connection.name}`.slice(0, 60), connection.name);
  const key = (await apiKeysPage.newKey(page).textContent())!.trim();
  const served = await requestToken(key, connection.id);
  expect(served.status).toBe(200);

  // The token API notes reads in memory and writes them once a second.
  const lastServed = page.getByTestId("health-last-served");
  await expect(async () => {
    await page.goto(`/connections/${connection.id}`);
    await expect(lastServed).toContainText("Token API", { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  const servedAt = Date.parse((await lastServed.locator("time").getAttribute("datetime"))!);
  expect(Date.now() - servedAt).toBeLessThan(60_000);
  await expect(lastServed).not.toContainText("Never");
});
