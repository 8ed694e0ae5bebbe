import { expect, test, type Page } from "@playwright/test";
import { createUser, signIn, signInAsAdmin } from "../helpers/auth";
import { detail, editForm, field, list, uniqueConnectionName, untestedChanges } from "../helpers/connections";
import { createConnectionThroughWizard, expectStep, OIDC_ENDPOINTS, wizard } from "../helpers/connection-wizard";
import { requestToken } from "../helpers/api-keys";
import { createApiKeyDirectly, expireStoredTokens, seedConnection } from "../helpers/seed-connection";
import { expectTestResult, runConnectionTest, testAgain } from "../helpers/test-connection";
import { E2E } from "../support/env";
import { TEST_CLIENTS } from "../support/oidc-clients";
import { QUIRK_CLIENTS } from "../../lib/testing/quirk-clients";

function codeConnection(name: string) {
  return {
    name,
    grant: "Authorization Code" as const,
    ...TEST_CLIENTS.web,
    scopes: "openid email",
  };
}

test("[CONNECTIONS][EDIT] an admin edits a connection; empty secret keeps the stored one", async ({ page }) => {
  await signInAsAdmin(page);
  const name = uniqueConnectionName("Editable");
  await createConnectionThroughWizard(page, codeConnection(name));
  await detail.actionButton(page, "Edit").click();
  await expect(page.getByRole("heading", { level: 1, name: `Edit ${name}` })).toBeVisible();
  await expect(field(page, "clientSecret")).toHaveValue("");
  await field(page, "tokenUrl").fill(`${OIDC_ENDPOINTS.issuer}/token?v=2`);
  await field(page, "description").fill("Edited description");
  await page.getByRole("button", { name: "Remove scope email" }).click();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(detail.summaryValue(page, "Token URL")).toHaveText(`${OIDC_ENDPOINTS.issuer}/token?v=2`);
  await expect(detail.summaryValue(page, "Description")).toHaveText("Edited description");
  await expect(detail.summaryValue(page, "Scopes")).toHaveText("openid");
  await expect(detail.summaryValue(page, "Client secret")).toHaveText(
    `•••• ${TEST_CLIENTS.web.clientSecret.slice(-4)}`,
  );

  // A bad value is refused next to its field and nothing else is lost.
  await detail.actionButton(page, "Edit").click();
  await field(page, "name").fill("x");
  await field(page, "audience").fill("kept-audience");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(wizard.fieldError(page, "Connection name")).toHaveText("Use at least 3 characters.");
  await expect(field(page, "audience")).toHaveValue("kept-audience");
});

/** A test's result page, however long the provider round trip and the page loads take on a busy machine. */
async function expectResultOfTest(page: Page, outcome: "Success" | "Failed") {
  await expect(page).toHaveURL(/\/connections\/[a-z0-9]+\/tests\/[a-z0-9]+$/, { timeout: 60_000 });
  await expectTestResult(page, outcome);
}

test("[CONNECTIONS][SAFE EDIT] an edit the provider refuses fails its test, shows what changed and reverts in one click; bots keep getting tokens", async ({
  page,
}) => {
  // Three tests, an edit and a revert: a budget for a 2-core machine, not a retry.
  test.setTimeout(240_000);
  // The provider (the quirk proxy) refuses api:write with invalid_scope, as one does for a scope the client may not have.
  const { clientId, clientSecret } = QUIRK_CLIENTS.refuseScope;
  const connection = await seedConnection({
    grantType: "client_credentials",
    clientId,
    clientSecret,
    tokenUrl: E2E.quirkTokenUrl,
    scopes: ["api:read"],
  });
  const { key } = await createApiKeyDirectly("Safe edit bot", [connection.id]);
  await signInAsAdmin(page);
  await runConnectionTest(page, connection.id);
  await expectResultOfTest(page, "Success");
  const before = await requestToken(key, connection.id);
  expect(before.status).toBe(200);

  await editForm.open(page, connection.id);
  await field(page, "scopes").fill("api:write");
  await field(page, "scopes").press("Enter");
  await expect(editForm.keptUntilTested(page)).toHaveText(
    "Bots keep getting tokens from the last tested configuration until this one passes a test.",
  );
  await expect(editForm.save(page)).toBeEnabled();
  await editForm.saveAndTest(page).click();
  await expectResultOfTest(page, "Failed");
  await expect(untestedChanges.row(page, "Scopes")).toContainText("api:read api:write");

  // The stored token has expired: the bot gets a new one, requested with the last tested configuration.
  await expireStoredTokens(connection.id);
  const during = await requestToken(key, connection.id);
  expect(during.status).toBe(200);
  expect(during.body.access_token).not.toBe(before.body.access_token);
  expect(String(during.body.scope ?? "")).not.toContain("api:write");
  expect(during.headers.get("handshake-warning") ?? "").not.toContain("refused");

  await untestedChanges.revert(page, "Scopes").click();
  await expect(untestedChanges.notice(page)).toBeHidden();
  await testAgain(page);
  await expectResultOfTest(page, "Success");
});

test("[CONNECTIONS][CONFLICT] the second admin's save gets a conflict message and keeps their edits", async ({
  browser,
}) => {
  // A long story (two admins, the wizard, several saves): a budget for a 2-core machine, not a retry.
  test.setTimeout(150_000);
  const alice = createUser("ADMIN");
  const bob = createUser("ADMIN");
  const aliceContext = await browser.newContext();
  const bobContext = await browser.newContext();
  const a = await aliceContext.newPage();
  const b = await bobContext.newPage();
  await signIn(a, alice);
  await signIn(b, bob);

  const name = uniqueConnectionName("Contested");
  const id = await createConnectionThroughWizard(a, codeConnection(name));
  await a.goto(`/connections/${id}/edit`);
  await b.goto(`/connections/${id}/edit`);

  await field(a, "tokenUrl").fill(`${OIDC_ENDPOINTS.issuer}/token?by=alice`);
  await a.getByRole("button", { name: "Save", exact: true }).click();
  await expect(a.getByRole("heading", { level: 1, name, exact: true })).toBeVisible();

  await field(b, "clientId").fill("bobs-client");
  await field(b, "description").fill("Bob was here");
  await b.getByRole("button", { name: "Save", exact: true }).click();
  const notice = b.getByTestId("conflict-notice");
  await expect(notice).toContainText(`${alice.email} changed this connection at`);
  await expect(notice).toContainText("review their changes; your edits are kept");
  await expect(notice).toContainText("They changed: Token URL.");
  await expect(field(b, "clientId")).toHaveValue("bobs-client");
  await expect(field(b, "description")).toHaveValue("Bob was here");

  // Nothing was overwritten silently.
  await a.reload();
  await expect(detail.summaryValue(a, "Client ID")).toHaveText(TEST_CLIENTS.web.clientId);

  // Keeping his edits also takes Alice's change to a field Bob left alone.
  await notice.getByRole("button", { name: "Keep my edits" }).click();
  await expect(notice).toHaveCount(0);
  await expect(field(b, "tokenUrl")).toHaveValue(`${OIDC_ENDPOINTS.issuer}/token?by=alice`);
  await expect(field(b, "clientId")).toHaveValue("bobs-client");
  await b.getByRole("button", { name: "Save", exact: true }).click();
  await expect(b.getByRole("heading", { level: 1, name, exact: true })).toBeVisible();
  await expect(detail.summaryValue(b, "Client ID")).toHaveText("bobs-client");
  await expect(detail.summaryValue(b, "Description")).toHaveText("Bob was here");
  await expect(detail.summaryValue(b, "Token URL")).toHaveText(`${OIDC_ENDPOINTS.issuer}/token?by=alice`);
  await aliceContext.close();
  await bobContext.close();
});

test("[CONNECTIONS][MANAGE] rotate secret, duplicate, disable, enable and delete", async ({ page }) => {
  // A long story (two admins, the wizard, several saves): a budget for a 2-core machine, not a retry.
  test.setTimeout(150_000);
  await signInAsAdmin(page);
  const name = uniqueConnectionName("Managed");
  const id = await createConnectionThroughWizard(page, codeConnection(name));

  await detail.chooseAction(page, "Rotate secret");
  const rotate = page.getByRole("dialog", { name: "Rotate client secret" });
  await rotate.getByRole("button", { name: "Save secret" }).click();
  await expect(rotate.getByText("Type the new client secret.")).toBeVisible();
  await rotate.getByRole("button", { name: "Cancel" }).click();
  await expect(rotate).toHaveCount(0);
  await detail.chooseAction(page, "Rotate secret");
  await rotate.getByLabel("New client secret").fill("rotated-secret-value-7781");
  // The new secret's expiry date: one that has passed is refused next to the field, the secret kept.
  await field(rotate, "clientSecretExpiresOn").fill("2020-01-31");
  await rotate.getByRole("button", { name: "Save secret" }).click();
  await expect(rotate.getByText(/^This date has passed\./)).toBeVisible();
  await expect(rotate.getByLabel("New client secret")).toHaveValue("rotated-secret-value-7781");
  const expiresOn = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  await field(rotate, "clientSecretExpiresOn").fill(expiresOn);
  await rotate.getByRole("button", { name: "Save secret" }).click();
  await expect(rotate).toHaveCount(0);
  await expect(detail.summaryValue(page, "Client secret")).toHaveText("•••• 7781");
  await expect(detail.summaryValue(page, "Secret expires on")).toHaveText(expiresOn);

  // Disable asks first and says what bots will see; backing out changes nothing.
  await detail.chooseAction(page, "Disable");
  await expect(detail.confirmDisable(page)).toContainText("get an error");
  await detail.confirmDisable(page).getByRole("button", { name: "Cancel" }).click();
  await expect(detail.disabledBanner(page)).toHaveCount(0);
  await detail.disableConnection(page);
  await expect(detail.status(page)).toContainText("Disabled");
  await expect(detail.disabledBanner(page)).toContainText("get an error");
  await page.goto("/connections?status=disabled");
  await expect(list.row(page, name)).toContainText("Disabled");
  await list.row(page, name).getByRole("link", { name }).click();
  await detail.chooseAction(page, "Enable");
  await expect(detail.status(page)).toHaveText("Not tested");

  // The banner offers the way back too.
  await detail.disableConnection(page);
  await detail.disabledBanner(page).getByRole("button", { name: "Enable" }).click();
  await expect(detail.disabledBanner(page)).toHaveCount(0);
  await expect(detail.status(page)).toHaveText("Not tested");

  // The copy has everything but the secret: it opens at the Client step, as its toast says, and
  // the steps before it are links.
  await detail.chooseAction(page, "Duplicate");
  await expect(page.getByText(/Enter its client secret to finish it/)).toBeVisible();
  await expectStep(page, "Client");
  await expect(wizard.stepLink(page, "Tokens")).toHaveCount(0);
  await wizard.stepLink(page, "Connection settings").click();
  await expectStep(page, "Connection settings");
  await expect(field(page, "name")).toHaveValue(`${name} (copy)`.slice(0, 64));
  await wizard.stepLink(page, "Grant type").click();
  await expectStep(page, "Grant type");
  await expect(wizard.grantType(page, "Authorization Code")).toBeChecked();
  await page.goto("/connections?status=draft");
  await expect(list.row(page, `${name} (copy)`)).toContainText("Draft");

  await page.goto(`/connections/${id}`);
  await detail.chooseAction(page, "Delete");
  const dialog = page.getByRole("dialog", { name: `Delete ${name}?` });
  const confirm = dialog.getByRole("button", { name: "Delete connection" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type ${name} to confirm`).fill(name.toUpperCase());
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type ${name} to confirm`).fill(name);
  await confirm.click();
  await expect(page).toHaveURL(/\/connections$/);
  await list.search(page, name);
  await expect(list.row(page, name)).toHaveCount(0);
  const missing = await page.goto(`/connections/${id}`);
  expect(missing?.status()).toBe(404);
});
