import { expect, test } from "@playwright/test";
import { createUser, signIn, signInAsAdmin } from "../helpers/auth";
import { createConnectionThroughWizard, detail, expectStep, field, list, OIDC_ENDPOINTS, uniqueConnectionName, wizard } from "../helpers/connections";
import { TEST_CLIENTS } from "../support/oidc-clients";

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
  await expect(detail.summaryValue(page, "Client secret")).toHaveText(`•••• ${TEST_CLIENTS.web.clientSecret.slice(-4)}`);

  // A bad value is refused next to its field and nothing else is lost.
  await detail.actionButton(page, "Edit").click();
  await field(page, "name").fill("x");
  await field(page, "audience").fill("kept-audience");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(wizard.fieldError(page, "Connection name")).toHaveText("Use at least 3 characters.");
  await expect(field(page, "audience")).toHaveValue("kept-audience");
});

test("[CONNECTIONS][CONFLICT] the second admin's save gets a conflict message and keeps their edits", async ({ browser }) => {
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
  await expect(a.getByRole("heading", { level: 1, name })).toBeVisible();

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
  await expect(b.getByRole("heading", { level: 1, name })).toBeVisible();
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
  await rotate.getByRole("button", { name: "Save secret" }).click();
  await expect(rotate).toHaveCount(0);
  await expect(detail.summaryValue(page, "Client secret")).toHaveText("•••• 7781");

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
