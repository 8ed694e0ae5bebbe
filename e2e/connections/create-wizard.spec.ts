import { expect } from "@playwright/test";
import { test } from "../helpers/admin-test";
import { detail, field, list, uniqueConnectionName } from "../helpers/connections";
import {
  clickNextTo,
  createConnectionThroughWizard,
  expectStep,
  fillWizardToReview,
  goToNewConnection,
  nameAndChooseGrant,
  OIDC_ENDPOINTS,
  openWizardAtEndpoints,
  saveWizardAndOpen,
  wizard,
  WIZARD_CLIENTS,
  WIZARD_WEB_CLIENT_OFFLINE,
} from "../helpers/connection-wizard";
import { filterInventory, goToInventory, inventoryRow, inventoryExpires } from "../helpers/audit";
import { CALLBACK_URL, TEST_CLIENTS } from "../support/oidc-clients";

// The validation story runs two wizards end to end; on a loaded two-core machine that passes 60 s.
test.describe.configure({ timeout: 120_000 });

test("[CONNECTIONS][CREATE] client credentials through the wizard", async ({ page }) => {
  const name = uniqueConnectionName("CC basic");
  // The secret expires in 10 days: reminders are due soon, so the list and inventory say so.
  const secretExpiresOn = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const connection = {
    name,
    description: "Machine to machine",
    ...WIZARD_CLIENTS.clientCredentialsBasic,
    secretExpiresOn,
    scopes: "api:read, api:write api:read",
    checkSchedule: "Hourly",
  } as const;
  await fillWizardToReview(page, connection);
  await expect(detail.summaryValue(page, "Secret expires on")).toHaveText(secretExpiresOn);
  const id = await saveWizardAndOpen(page, name);

  await expect(detail.status(page)).toHaveText("Not tested");
  // Tested in the background every hour, at a time the scheduler sets and the page then shows.
  await expect(detail.summaryValue(page, "Scheduled check")).toContainText("Hourly");
  await expect(detail.summaryValue(page, "Grant type")).toHaveText("Client Credentials");
  await expect(detail.summaryValue(page, "Token URL")).toHaveText(OIDC_ENDPOINTS.tokenUrl);
  await expect(detail.summaryValue(page, "Scopes")).toHaveText("api:read api:write");
  await expect(detail.summaryValue(page, "Client secret")).toHaveText(
    `•••• ${TEST_CLIENTS.clientCredentialsBasic.clientSecret.slice(-4)}`,
  );
  // No user is redirected back in client credentials: no callback URL to register.
  await expect(page.getByTestId("connection-summary").getByText("Callback URL")).toHaveCount(0);
  await expect(page.getByTestId("connection-summary").getByText("Authorization URL")).toHaveCount(0);

  await page.goto("/connections");
  await list.search(page, name);
  const row = list.row(page, name);
  await expect(row).toContainText("Client Credentials");
  await expect(row).toContainText("Custom");
  await expect(row).toContainText("Not tested");
  await expect(row).toContainText("admin@handshake.test");
  await expect(list.secretExpiryBadge(row)).toHaveText("Secret expires in 10 days");
  await row.getByRole("link", { name }).click();
  await expect(page).toHaveURL(new RegExp(`/connections/${id}$`));

  await goToInventory(page);
  await filterInventory(page, { name, expiresWithin: "30" });
  await expect(inventoryExpires(inventoryRow(page, name))).toContainText(`${secretExpiresOn} Client secret`);
  // A key imported with its certificate: its notAfter shows on the connection page and in the same filter.
  const keyName = uniqueConnectionName("CC key certificate");
  const notAfter = new Date(Date.now() + 20 * 86_400_000);
  const certificateExpiresOn = notAfter.toISOString().slice(0, 10);
  const keyClient = { ...WIZARD_CLIENTS.clientCredentialsPrivateKey, keyCertificateNotAfter: notAfter };
  await createConnectionThroughWizard(page, { name: keyName, ...keyClient });
  await expect(detail.certificateExpiry(page)).toContainText(`Certificate expires on ${certificateExpiresOn}`);
  await goToInventory(page);
  await filterInventory(page, { name: keyName, expiresWithin: "30" });
  await expect(inventoryExpires(inventoryRow(page, keyName))).toContainText(`${certificateExpiresOn} Certificate`);
});

test("[CONNECTIONS][CREATE] authorization code with parameters, per-user tokens", async ({ page }) => {
  const name = uniqueConnectionName("Web code");
  await fillWizardToReview(page, {
    name,
    ...WIZARD_WEB_CLIENT_OFFLINE,
    tokenParams: [{ key: "custom_flag", value: "1" }],
    tokenSharing: "Per user",
    // A code flow is checked without a browser too: discovery, keys and due refreshes.
    checkSchedule: "Daily",
  });
  const review = wizard.step(page, "Review");
  await expect(review.getByText(`•••• ${TEST_CLIENTS.web.clientSecret.slice(-4)}`)).toBeVisible();
  await expect(review.getByText("prompt=consent")).toBeVisible();
  await expect(review.getByText("Per user")).toBeVisible();
  await wizard.save(page).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(detail.summaryValue(page, "Grant type")).toHaveText("Authorization Code");
  await expect(detail.summaryValue(page, "Authorization URL")).toHaveText(OIDC_ENDPOINTS.authorizationUrl);
  await expect(detail.summaryValue(page, "Additional token parameters")).toHaveText("custom_flag=1");
  await expect(detail.summaryValue(page, "Scheduled check")).toContainText("Daily");
  // The presence twins of the client credentials and public client checks.
  await expect(detail.summaryValue(page, "Callback URL")).toHaveText(CALLBACK_URL);
  await detail.moreActions(page).click();
  await expect(detail.menuItem(page, "Rotate secret")).toBeVisible();
});

test("[CONNECTIONS][CREATE] public PKCE client typed by hand, with the plain-method warning", async ({ page }) => {
  const name = uniqueConnectionName("PKCE public");
  await goToNewConnection(page);
  await nameAndChooseGrant(page, { name, grant: "Authorization Code with PKCE" });
  await field(page, "pkceMethod").selectOption("plain");
  await expect(page.getByTestId("pkce-plain-warning")).toBeVisible();
  await field(page, "pkceMethod").selectOption("S256");
  await expect(page.getByTestId("pkce-plain-warning")).toHaveCount(0);
  await clickNextTo(page, "Endpoints");
  await field(page, "authorizationUrl").fill(OIDC_ENDPOINTS.authorizationUrl);
  await field(page, "tokenUrl").fill(OIDC_ENDPOINTS.tokenUrl);
  await clickNextTo(page, "Client");
  await field(page, "clientId").fill(TEST_CLIENTS.publicPkce.clientId);
  await expect(field(page, "clientSecret")).toBeVisible();
  await field(page, "clientAuthMethod").selectOption("none");
  await expect(field(page, "clientSecret")).toHaveCount(0);
  await clickNextTo(page, "Tokens");
  await clickNextTo(page, "Review");
  await expect(wizard.step(page, "Review").getByTestId("client-secret-summary")).toHaveText("None (public client)");
  await wizard.save(page).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(detail.summaryValue(page, "PKCE method")).toHaveText("S256");
  await detail.moreActions(page).click();
  await expect(detail.menuItem(page, "Duplicate")).toBeVisible();
  await expect(detail.menuItem(page, "Rotate secret")).toHaveCount(0);
});

test("[CONNECTIONS][VALIDATION] errors appear next to fields and typed values are kept", async ({ page }) => {
  const taken = uniqueConnectionName("Taken");
  await createConnectionThroughWizard(page, {
    name: taken,
    ...WIZARD_CLIENTS.clientCredentialsPost,
  });

  await goToNewConnection(page);
  await field(page, "description").fill("kept description");
  await field(page, "name").fill("ab");
  await wizard.next(page).click();
  await expect(wizard.fieldError(page, "Connection name")).toHaveText("Use at least 3 characters.");
  await field(page, "name").fill(taken);
  await wizard.next(page).click();
  await expect(wizard.fieldError(page, "Connection name")).toContainText("already exists");
  await expect(field(page, "description")).toHaveValue("kept description");
  const name = uniqueConnectionName("Validation");
  await nameAndChooseGrant(page, { name, grant: "Authorization Code" });
  await clickNextTo(page, "Endpoints");

  await field(page, "authorizationUrl").fill("login.example.com/authorize");
  await field(page, "tokenUrl").fill("ftp://example.com/token");
  await field(page, "jwksUrl").fill("https://example.com/jwks#keys");
  await wizard.next(page).click();
  await expect(wizard.fieldError(page, "Authorization URL")).toContainText("absolute URL");
  await expect(wizard.fieldError(page, "Token URL")).toContainText("https://");
  await expect(wizard.fieldError(page, "JWKS URL")).toContainText("fragment");
  await expect(field(page, "tokenUrl")).toHaveValue("ftp://example.com/token");
  await field(page, "authorizationUrl").fill(OIDC_ENDPOINTS.authorizationUrl);
  await field(page, "tokenUrl").fill(OIDC_ENDPOINTS.tokenUrl);
  await field(page, "jwksUrl").fill("");
  await clickNextTo(page, "Client");

  await field(page, "clientId").fill(TEST_CLIENTS.web.clientId);
  await field(page, "scopes").fill('openid, email openid say"hi');
  await field(page, "scopes").press("Enter");
  await expect(wizard.scopeChips(page)).toHaveText(["openid", "email", 'say"hi']);
  await field(page, "scopes").blur();
  await expect(page.getByText('Scope “say"hi” may not contain quotes or backslashes.')).toBeVisible();
  const authParams = wizard.paramGroup(page, "Additional authorization parameters");
  await authParams.getByRole("button", { name: "Add authorization parameter" }).click();
  await authParams.getByLabel("Parameter name 1").fill("state");
  await authParams.getByLabel("Parameter value 1").fill("forged");
  await wizard.next(page).click();
  await expect(wizard.fieldError(page, "Client secret")).toHaveText("Enter the client secret.");
  await expect(page.getByText('Scope “say"hi” may not contain quotes or backslashes.')).toBeVisible();
  await expect(authParams.getByRole("alert")).toHaveText(
    "“state” is set by the protocol itself and cannot be overridden.",
  );

  await page.getByRole("button", { name: 'Remove scope say"hi' }).click();
  await authParams.getByLabel("Parameter name 1").fill("prompt");
  await authParams.getByLabel("Parameter value 1").fill("consent");
  await field(page, "clientSecret").fill(TEST_CLIENTS.web.clientSecret);
  await clickNextTo(page, "Tokens");
  await field(page, "defaultTokenLifetime").fill("5");
  await wizard.next(page).click();
  await expect(wizard.fieldError(page, "Default token lifetime")).toHaveText("Use at least 60 seconds.");
  await field(page, "defaultTokenLifetime").fill("900");

  // Back keeps every value, including the steps already saved.
  await wizard.back(page).click();
  await expectStep(page, "Client");
  await expect(wizard.scopeChips(page)).toHaveText(["openid", "email"]);
  await expect(authParams.getByLabel("Parameter value 1")).toHaveValue("consent");
  await expect(field(page, "clientSecret")).toHaveValue("");
  await expect(page.getByText(`A secret is stored (•••• ${TEST_CLIENTS.web.clientSecret.slice(-4)})`)).toBeVisible();
  await wizard.back(page).click();
  await expect(field(page, "tokenUrl")).toHaveValue(OIDC_ENDPOINTS.tokenUrl);
  await clickNextTo(page, "Client");
  await clickNextTo(page, "Tokens");
  await expect(field(page, "defaultTokenLifetime")).toHaveValue("900");
});

test("[CONNECTIONS][DRAFT] a reload mid-wizard resumes the draft, which the list shows as Draft", async ({ page }) => {
  const name = uniqueConnectionName("Resumed");
  await openWizardAtEndpoints(page, { name, grant: "Client Credentials" });
  await field(page, "tokenUrl").fill(OIDC_ENDPOINTS.tokenUrl);
  await clickNextTo(page, "Client");
  await expect(page).toHaveURL(/\/connections\/new\?draft=[a-z0-9]+&step=client$/);
  await field(page, "clientId").fill(TEST_CLIENTS.clientCredentialsBasic.clientId);
  await field(page, "clientSecret").fill(TEST_CLIENTS.clientCredentialsBasic.clientSecret);
  await clickNextTo(page, "Tokens");

  await page.reload();
  await expectStep(page, "Tokens");
  await wizard.back(page).click();
  await expect(field(page, "clientId")).toHaveValue(TEST_CLIENTS.clientCredentialsBasic.clientId);
  await expect(field(page, "clientSecret")).toHaveValue("");
  await wizard.back(page).click();
  await expect(field(page, "tokenUrl")).toHaveValue(OIDC_ENDPOINTS.tokenUrl);

  await page.goto("/connections?status=draft");
  const row = list.row(page, name);
  await expect(row).toContainText("Draft");
  await row.getByRole("link", { name }).click();
  await expectStep(page, "Tokens");
  await clickNextTo(page, "Review");
  await wizard.save(page).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(detail.status(page)).toHaveText("Not tested");
});

test("[CONNECTIONS][DISCOVERY] PKCE connection with Import from discovery against the real authorization server", async ({
  page,
}) => {
  const name = uniqueConnectionName("PKCE discovery");
  await openWizardAtEndpoints(page, { name, grant: "Authorization Code with PKCE" });

  // Failures land on the Issuer URL field and leave what was typed alone.
  await field(page, "tokenUrl").fill("https://typed.example.com/token");
  await field(page, "issuer").fill("http://127.0.0.1:9");
  await wizard.importDiscovery(page).click();
  await expect(wizard.fieldError(page, "Issuer URL")).toBeVisible();
  await expect(field(page, "tokenUrl")).toHaveValue("https://typed.example.com/token");
  await field(page, "issuer").fill(OIDC_ENDPOINTS.issuer.replace("127.0.0.1", "localhost"));
  await wizard.importDiscovery(page).click();
  await expect(wizard.fieldError(page, "Issuer URL")).toContainText(/issuer/i);
  await expect(field(page, "issuer")).toHaveValue(OIDC_ENDPOINTS.issuer.replace("127.0.0.1", "localhost"));
  await expect(field(page, "tokenUrl")).toHaveValue("https://typed.example.com/token");

  await field(page, "issuer").fill(OIDC_ENDPOINTS.issuer);
  await wizard.importDiscovery(page).click();
  await expect(page.getByTestId("discovery-status")).toContainText(
    `${OIDC_ENDPOINTS.issuer}/.well-known/openid-configuration`,
  );
  await expect(wizard.fieldError(page, "Issuer URL")).toHaveCount(0);
  await expect(field(page, "authorizationUrl")).toHaveValue(OIDC_ENDPOINTS.authorizationUrl);
  await expect(field(page, "tokenUrl")).toHaveValue(OIDC_ENDPOINTS.tokenUrl);
  await expect(field(page, "userinfoUrl")).toHaveValue(OIDC_ENDPOINTS.userinfoUrl);
  await expect(field(page, "revocationUrl")).toHaveValue(OIDC_ENDPOINTS.revocationUrl);
  await expect(field(page, "jwksUrl")).toHaveValue(OIDC_ENDPOINTS.jwksUrl);
  await clickNextTo(page, "Client");
  await field(page, "clientId").fill(TEST_CLIENTS.publicPkce.clientId);
  await field(page, "clientAuthMethod").selectOption("client_secret_post");
  await field(page, "clientSecret").fill("not-really-a-secret-1234");
  await field(page, "scopes").fill("openid api:read");
  await field(page, "scopes").press("Enter");
  await clickNextTo(page, "Tokens");
  await clickNextTo(page, "Review");

  // The discovery lint compares the choices with the provider's metadata.
  const warnings = page.getByTestId("lint-warnings");
  await expect(warnings).toContainText("offline_access");
  // The provider lists private_key_jwt and the connection uses a shared secret.
  await expect(warnings).toContainText("The provider supports private_key_jwt");
  await wizard.step(page, "Review").getByRole("button", { name: "Change client" }).click();
  await expectStep(page, "Client");
  await field(page, "clientAuthMethod").selectOption("none");
  await field(page, "scopes").fill("offline_access");
  await field(page, "scopes").press("Enter");
  await clickNextTo(page, "Tokens");
  await clickNextTo(page, "Review");
  await expect(page.getByTestId("lint-warnings")).toHaveCount(0);
  await expect(wizard.step(page, "Review").getByText("Imported", { exact: true })).toBeVisible();
  await wizard.save(page).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(detail.summaryValue(page, "Discovery metadata")).toHaveText("Imported");
  await expect(detail.summaryValue(page, "Issuer URL")).toHaveText(OIDC_ENDPOINTS.issuer);
  await expect(detail.summaryValue(page, "Client secret")).toHaveText("None (public client)");
});
