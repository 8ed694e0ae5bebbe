/**
 * The refresh margin is set on the connection form (wizard and edit form), refused next to its
 * field when out of range, and decides when the token API refreshes: a token valid for another
 * hour is served as stored under the default margin, and refreshed once the margin exceeds it.
 */
import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "../helpers/auth";
import { refreshesAtServer, requestToken } from "../helpers/api-keys";
import { detail, field, uniqueConnectionName } from "../helpers/connections";
import { clickNextTo, goToNewConnection, OIDC_ENDPOINTS, wizard } from "../helpers/connection-wizard";
import {
  authorizeSharedTokenSet,
  createApiKeyDirectly,
  seedConnection,
  storedTokens,
} from "../helpers/seed-connection";
import { TEST_CLIENTS } from "../support/oidc-clients";

const marginField = (page: Page) => field(page, "refreshMarginSeconds");

test("[TOKENS] the wizard's Tokens step takes a refresh margin and refuses one out of range next to the field", async ({
  page,
}) => {
  await signInAsAdmin(page);
  await goToNewConnection(page);
  await field(page, "name").fill(uniqueConnectionName("Margin wizard"));
  await clickNextTo(page, "Grant type");
  await wizard.grantType(page, "Client Credentials").click();
  await clickNextTo(page, "Endpoints");
  await field(page, "issuer").fill(OIDC_ENDPOINTS.issuer);
  await field(page, "tokenUrl").fill(OIDC_ENDPOINTS.tokenUrl);
  await clickNextTo(page, "Client");
  await field(page, "clientId").fill(TEST_CLIENTS.clientCredentialsBasic.clientId);
  await field(page, "clientSecret").fill(TEST_CLIENTS.clientCredentialsBasic.clientSecret);
  await clickNextTo(page, "Tokens");
  await expect(marginField(page)).toHaveValue("300");
  await marginField(page).fill("86401");
  await wizard.next(page).click();
  await expect(wizard.fieldError(page, "Refresh margin")).toHaveText("Use at most one day (86400 seconds).");
  await expect(marginField(page)).toHaveValue("86401");
  await marginField(page).fill("600");
  await clickNextTo(page, "Review");
  await expect(detail.summaryValue(page, "Refresh margin")).toHaveText("600 seconds");
});

test("[TOKENS] a margin set in the edit form makes the token API refresh a token it served as stored before", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const connection = await seedConnection({
    name: uniqueConnectionName("Margin edit"),
    grantType: "authorization_code_pkce",
    ...TEST_CLIENTS.refreshMargin,
    scopes: ["openid", "offline_access", "email"],
    autoRefresh: false,
  });
  // Valid for another hour of its three: outside the default five-minute margin. (A margin never
  // claims more than half a token's lifetime, so an hour-long token would not be refreshed yet.)
  await authorizeSharedTokenSet(connection.id, { expired: false, client: "refreshMargin", issuedSecondsAgo: 7200 });
  const [stored] = await storedTokens(connection.id);
  const { key } = await createApiKeyDirectly(uniqueConnectionName("margin"), [connection.id]);
  const refreshes = () => refreshesAtServer(TEST_CLIENTS.refreshMargin.clientId);
  const before = await refreshes();
  expect((await requestToken(key, connection.name)).body.access_token).toBe(stored);
  expect(await refreshes()).toBe(before);

  await signInAsAdmin(page);
  await page.goto(`/connections/${connection.id}/edit`);
  // The seed stores no endpoints; the edit form asks for them.
  await field(page, "authorizationUrl").fill(OIDC_ENDPOINTS.authorizationUrl);
  await field(page, "tokenUrl").fill(OIDC_ENDPOINTS.tokenUrl);
  await marginField(page).fill("-5");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(wizard.fieldError(page, "Refresh margin")).toHaveText("Use 0 seconds or more.");
  await expect(marginField(page)).toHaveValue("-5");
  await marginField(page).fill("7200");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: connection.name, exact: true })).toBeVisible();
  await expect(detail.summaryValue(page, "Refresh margin")).toHaveText("7200 seconds");

  // Now the hour left is inside the margin: the next request refreshes first.
  const answer = await requestToken(key, connection.name);
  expect(answer.status).toBe(200);
  expect(answer.body.access_token).not.toBe(stored);
  expect(await refreshes()).toBe(before + 1);
});
