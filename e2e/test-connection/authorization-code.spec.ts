/**
 * Testing a code-flow connection from its page, through the provider's login and back: success,
 * PKCE, a callback URL the client has not registered, forged and replayed callbacks, and a user's
 * own token set. The other outcomes of the flow (declined consent, expired authorizations, a
 * server that requires PKCE) are lib/connection-tests/authorization-code-flow.test.ts.
 */
import { expect } from "@playwright/test";
import { test } from "../helpers/admin-test";
import { connectionHealth, seedConnection, seedWebConnection } from "../helpers/seed-connection";
import {
  authorizeInPopup,
  expectDiagnosis,
  expectTestResult,
  openConnectionTests,
  openProviderPopup,
  popupClosesByItself,
  traceStep,
  traceStepTitles,
} from "../helpers/test-connection";
import { CALLBACK_URL, TEST_CLIENTS } from "../support/oidc-clients";

// Each test drives the provider and the console end to end; on a busy two-core machine that can take a while.
test.describe.configure({ timeout: 120_000 });

test("[TEST][CODE] a confidential client signs in and consents at the provider: Success with trace, refresh rotated, token stored", async ({
  page,
}) => {
  // Three provider flows (the first sign-in, the provider's session, Force sign-in as another user).
  test.setTimeout(180_000);
  const connection = await seedWebConnection({
    scopes: ["openid", "email", "offline_access"],
  });
  await openConnectionTests(page, connection.id);
  const popup = await openProviderPopup(page);
  await expect(popup).toHaveURL(/127\.0\.0\.1:\d+\/interaction\//);
  await authorizeInPopup(popup);

  await expect(page).toHaveURL(new RegExp(`/connections/${connection.id}/tests/[^/?]+$`));
  await expectTestResult(page, "Success");
  expect(await traceStepTitles(page)).toEqual([
    "Discovery",
    "Authorization request",
    "Authorization request checked at the provider",
    "Callback received",
    "Discovery (again, for the token exchange)",
    "Token request (authorization code)",
    "Token response",
    "ID token checks",
    "Userinfo",
    "Refresh request",
    "Refresh response",
  ]);
  await expect(page.getByText("The provider rotated the refresh token")).toBeVisible();
  await expect(page.getByRole("table", { name: "ID token claims" })).toContainText("alice");
  await expect(page.getByRole("table", { name: "Userinfo claims" })).toContainText("alice@example.test");
  await expect(page.getByText("Yes, encrypted, as the connection's shared token set")).toBeVisible();
  expect(await connectionHealth(connection.id)).toBe("HEALTHY");

  await openConnectionTests(page, connection.id);
  const status = page.getByTestId("token-status");
  await expect(status).toContainText("Valid");
  await expect(status).toContainText("Present");
  await expect(page.getByTestId("test-history-row")).toHaveCount(1);

  // alice's session at the provider is still there: without Force sign-in the provider signs her
  // in again with no login form, and the popup closes by itself.
  await popupClosesByItself(await openProviderPopup(page));
  await expectTestResult(page, "Success");
  await expect(page.getByRole("table", { name: "ID token claims" })).toContainText("alice");
  await expect(traceStep(page, "Authorization request")).not.toContainText("Force sign-in");

  // Force sign-in: with that session, the provider asks for a login again (prompt=login), so the
  // test can run as another user.
  await openConnectionTests(page, connection.id);
  await page.getByLabel("Force sign-in").check();
  const again = await openProviderPopup(page);
  await expect(again.getByPlaceholder("Enter any login")).toBeVisible();
  await authorizeInPopup(again, "bob");
  await expectTestResult(page, "Success");
  await expect(page.getByRole("table", { name: "ID token claims" })).toContainText("bob");
  await expect(traceStep(page, "Authorization request")).toContainText("prompt");
  await expect(traceStep(page, "Authorization request")).toContainText("Force sign-in: prompt=login");
});

test("[TEST][PKCE] a public client with PKCE: Success, S256 in the trace", async ({ page }) => {
  const connection = await seedConnection({
    grantType: "authorization_code_pkce",
    clientId: TEST_CLIENTS.publicPkce.clientId,
    scopes: ["openid", "offline_access"],
  });
  await openConnectionTests(page, connection.id);
  await authorizeInPopup(await openProviderPopup(page));
  await expectTestResult(page, "Success");
  const authorizationStep = page.getByTestId("trace-step").filter({ hasText: "Authorization request" }).first();
  await expect(authorizationStep).toContainText("S256");
  await expect(page.getByText("The provider rotated the refresh token")).toBeVisible();
});

test("[TEST][CODE] a redirect URI the client has not registered: diagnosed before the browser leaves, with the exact callback URL", async ({
  page,
}) => {
  const connection = await seedConnection({
    grantType: "authorization_code",
    ...TEST_CLIENTS.wrongRedirect,
    scopes: ["openid"],
  });
  await openConnectionTests(page, connection.id);
  let popups = 0;
  page.on("popup", () => popups++);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expectTestResult(page, "Failed");
  await expectDiagnosis(page, "Callback URL not registered");
  await expect(page.getByTestId("callback-url")).toHaveText(CALLBACK_URL);
  expect(popups).toBe(0);
  expect(await connectionHealth(connection.id)).toBe("FAILING");
});

test("[TEST][STATE] a tampered state is refused, and a callback replayed after success is refused", async ({
  page,
}) => {
  const connection = await seedWebConnection({ scopes: ["openid"] });
  await openConnectionTests(page, connection.id);
  const popup = await openProviderPopup(page);
  let callback = "";
  popup.on("request", (request) => {
    if (request.url().startsWith(`${CALLBACK_URL}?`)) callback = request.url();
  });
  await authorizeInPopup(popup);
  await expectTestResult(page, "Success");
  expect(callback).toContain("code=");
  expect(page.url()).not.toContain("code=");

  const tampered = new URL(callback);
  tampered.searchParams.set("state", `${tampered.searchParams.get("state")}tampered`);
  await page.goto(tampered.href);
  await expect(page).toHaveURL(/\/connections\/authorization-refused\?reason=unknown_state$/);
  await expect(page.getByRole("heading", { name: "State mismatch" })).toBeVisible();

  await page.goto(callback);
  await expect(page).toHaveURL(/\/connections\/authorization-refused\?reason=replayed/);
  await expect(page.getByRole("heading", { name: "Callback already used" })).toBeVisible();
  expect(page.url()).not.toContain("code=");
  await page.getByRole("link", { name: "View the test result" }).click();
  await expectTestResult(page, "Success");
});

test("[TEST][PER-USER] Connect my account stores the user's own token set", async ({ page }) => {
  const connection = await seedConnection({
    grantType: "authorization_code_pkce",
    clientId: TEST_CLIENTS.publicPkce.clientId,
    scopes: ["openid", "offline_access"],
    tokenSharing: "PER_USER",
  });
  await openConnectionTests(page, connection.id);
  await expect(page.getByText("No user has connected an account yet.")).toBeVisible();
  await authorizeInPopup(await openProviderPopup(page, "Connect my account"), "carol");
  await expectTestResult(page, "Success");
  await expect(page.getByText(/Yes, encrypted, for admin@handshake\.test/)).toBeVisible();

  await openConnectionTests(page, connection.id);
  const accounts = page.getByRole("table", { name: "Connected accounts" });
  await expect(accounts).toContainText("admin@handshake.test");
  await expect(accounts).toContainText("Valid");
  await expect(page.getByRole("button", { name: "Reconnect my account" })).toBeVisible();
});
