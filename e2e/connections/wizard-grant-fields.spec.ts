/**
 * The wizard offers only what applies to the chosen grant: no public client, per-user tokens or
 * callback URL for client credentials, no secret for a public PKCE client, no authorization
 * parameters where there is no authorization request. Switching back gives every choice and
 * typed value back.
 */
import { expect, type Page } from "@playwright/test";
import { test } from "../helpers/admin-test";
import { field, uniqueConnectionName } from "../helpers/connections";
import { clickNextTo, fillEndpoints, goToNewConnection, wizard } from "../helpers/connection-wizard";
import { TEST_CLIENTS } from "../support/oidc-clients";
import { AUTHENTICATING_CLIENT_AUTH_METHODS } from "../../lib/testing/client-auth-methods";

/** The client authentication methods a PKCE client is offered, in the wizard's order: every one. */
const PKCE_AUTH_METHODS = [...AUTHENTICATING_CLIENT_AUTH_METHODS, "none"];

async function authMethodOptions(page: Page): Promise<string[]> {
  return field(page, "clientAuthMethod")
    .locator("option")
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
}

test("[CONNECTIONS][GRANT] client credentials hide what needs a user; switching back restores the public client and per-user tokens", async ({
  page,
}) => {
  await goToNewConnection(page);
  await expect(page.getByRole("textbox", { name: "Callback URL" })).toBeVisible();
  await field(page, "name").fill(uniqueConnectionName("Grant fields"));
  await clickNextTo(page, "Grant type");
  await wizard.grantType(page, "Authorization Code with PKCE").click();
  await clickNextTo(page, "Endpoints");
  await fillEndpoints(page, { name: "", grant: "Authorization Code with PKCE", clientId: "" });
  await clickNextTo(page, "Client");

  // A public PKCE client: none is offered, and with it no secret is asked for.
  expect(await authMethodOptions(page)).toEqual(PKCE_AUTH_METHODS);
  await field(page, "clientId").fill(TEST_CLIENTS.publicPkce.clientId);
  await expect(field(page, "clientSecret")).toBeVisible();
  await field(page, "clientAuthMethod").selectOption("none");
  await expect(field(page, "clientSecret")).toHaveCount(0);
  await wizard
    .paramGroup(page, "Additional authorization parameters")
    .getByRole("button", { name: "Add authorization parameter" })
    .click();
  await page.getByLabel("Parameter name 1").fill("prompt");
  await page.getByLabel("Parameter value 1").fill("consent");
  await clickNextTo(page, "Tokens");
  await wizard.tokenSharing(page, "Per user").click();

  // Back to the grant step and over to client credentials.
  await wizard.back(page).click();
  await wizard.back(page).click();
  await wizard.back(page).click();
  await expect(wizard.step(page, "Grant type")).toBeVisible();
  await wizard.grantType(page, "Client Credentials").click();
  await wizard.back(page).click();
  await expect(page.getByRole("textbox", { name: "Callback URL" })).toHaveCount(0);
  await clickNextTo(page, "Grant type");
  await clickNextTo(page, "Endpoints");
  await expect(field(page, "authorizationUrl")).toHaveCount(0);
  await clickNextTo(page, "Client");
  // The same methods but the public client's.
  expect(await authMethodOptions(page)).toEqual(PKCE_AUTH_METHODS.filter((method) => method !== "none"));
  await expect(field(page, "clientAuthMethod")).toHaveValue("client_secret_basic");
  await expect(field(page, "clientSecret")).toBeVisible();
  await expect(wizard.paramGroup(page, "Additional authorization parameters")).toHaveCount(0);
  const tokenParams = wizard.paramGroup(page, "Additional token parameters");
  await tokenParams.getByRole("button", { name: "Add token parameter" }).click();
  await expect(tokenParams.getByLabel("Parameter name 1")).toHaveAttribute("placeholder", "name, e.g. tenant_id");
  await tokenParams.getByRole("button", { name: "Remove parameter 1" }).click();
  await field(page, "clientSecret").fill(TEST_CLIENTS.clientCredentialsBasic.clientSecret);
  await clickNextTo(page, "Tokens");
  await expect(wizard.tokenSharing(page, "Per user")).toHaveCount(0);
  await expect(wizard.tokenSharing(page, "Shared")).toBeChecked();

  // And back to PKCE: the public client, its parameter and per-user tokens come back.
  await wizard.back(page).click();
  await wizard.back(page).click();
  await wizard.back(page).click();
  await wizard.grantType(page, "Authorization Code with PKCE").click();
  await wizard.back(page).click();
  await expect(page.getByRole("textbox", { name: "Callback URL" })).toBeVisible();
  await clickNextTo(page, "Grant type");
  await clickNextTo(page, "Endpoints");
  await expect(field(page, "authorizationUrl")).toHaveValue(/\/auth$/);
  await clickNextTo(page, "Client");
  await expect(field(page, "clientAuthMethod")).toHaveValue("none");
  await expect(field(page, "clientSecret")).toHaveCount(0);
  await expect(page.getByLabel("Parameter name 1")).toHaveValue("prompt");
  await expect(page.getByLabel("Parameter value 1")).toHaveValue("consent");
  await clickNextTo(page, "Tokens");
  await expect(wizard.tokenSharing(page, "Per user")).toBeChecked();
});
