import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "../helpers/auth";
import { apiKeysPage, createApiKeyInBrowser, requestToken } from "../helpers/api-keys";
import { connectionAuditEvents, expireStoredTokens, seedConnection, seedClientCredentialsConnection, seedWebConnection } from "../helpers/seed-connection";
import { authorizeInPopup, expectTestResult, progress } from "../helpers/test-connection";
import { detail, list } from "../helpers/connections";
import { TEST_CLIENTS } from "../support/oidc-clients";

test.describe.configure({ timeout: 120_000 });

test("[UX][DETAIL] the detail page leads with health, and status shows an expired token in detail and list", async ({ page }) => {
  await signInAsAdmin(page);
  const connection = await seedClientCredentialsConnection({ scopes: ["api:read"] });
  await page.goto(`/connections/${connection.id}`);

  // Header: one primary (Test), one secondary (Edit), everything else behind "More actions".
  const main = page.getByRole("main");
  await expect(detail.testButton(page)).toBeVisible();
  await expect(detail.actionButton(page, "Edit")).toBeVisible();
  for (const name of ["Rotate secret", "Duplicate", "Disable", "Delete"]) await expect(main.getByRole("button", { name, exact: true })).toHaveCount(0);
  await detail.moreActions(page).click();
  for (const name of ["Rotate secret", "Duplicate", "Disable", "Delete"] as const) await expect(detail.menuItem(page, name)).toBeVisible();
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

  expect(await expireStoredTokens(connection.id)).toBe(1);
  await page.reload();
  await expect(detail.status(page)).toHaveText("Token expired");
  await expect(page.getByTestId("health-token")).toContainText(/Expired .*ago/);
  await page.goto("/connections");
  await list.search(page, connection.name);
  await expect(list.row(page, connection.name).getByTestId("connection-status")).toHaveText("Token expired");
});

test("[UX][PROGRESS] a code-flow test shows its steps as they happen; closing the provider window cancels it and says so", async ({ page }) => {
  await signInAsAdmin(page);
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
  const events = await connectionAuditEvents(connection.id);
  expect(events.at(-1)).toMatchObject({ action: "connection.tested", details: { outcome: "CANCELLED" } });

  // The next attempt runs to the end as usual.
  const again = page.waitForEvent("popup");
  await detail.testButton(page).click();
  await authorizeInPopup(await again);
  await expectTestResult(page, "Success");
});

test("[UX][DETAIL] the health overview says when the token API last served the token", async ({ page }) => {
  await signInAsAdmin(page);
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
