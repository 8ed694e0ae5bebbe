/**
 * API keys in the browser and the token API they unlock: an admin creates a key, copies it once,
 * gets a token the authorization server accepts; revoking it gets 401; an auditor sees the key
 * and its use but never the key; no key or token in a page, log line or audit event. On a
 * Per-user connection a key reads only the users it was granted, a user connecting their account
 * sees which keys may read their token, and disabling the user suspends it.
 */
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { createUser, runUserCli, signIn, signInAsAdmin } from "../helpers/auth";
import { apiKeysPage, createApiKeyInBrowser, introspect, requestApi, requestToken } from "../helpers/api-keys";
import { authorizeInPopup, expectTestResult, openConnectionTests, openProviderPopup } from "../helpers/test-connection";
import { uniqueConnectionName } from "../helpers/connections";
import { seedConnection, storedTestRecords } from "../helpers/seed-connection";
import { TEST_CLIENTS } from "../support/oidc-clients";
import { E2E } from "../support/env";

test("an admin creates a key, copies it once, gets a token the server accepts, and revoking it refuses the next request", async ({
  page,
  context,
  browser,
}) => {
  test.setTimeout(120_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: E2E.appUrl });
  const connection = await seedConnection({
    name: uniqueConnectionName("Token API cc"),
    grantType: "client_credentials",
    ...TEST_CLIENTS.clientCredentialsBasic,
  });
  const keyName = uniqueConnectionName("billing sync");

  await signInAsAdmin(page);
  await apiKeysPage.navLink(page).click();
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await createApiKeyInBrowser(page, keyName, connection.name);
  const shown = (await apiKeysPage.newKey(page).textContent())!.trim();
  expect(shown).toMatch(/^hsk_[0-9A-Za-z]{38}$/);
  await apiKeysPage.copyButton(page).click();
  await expect(page.getByRole("button", { name: "Copy API key" })).toContainText("Copied");
  const key = await page.evaluate(() => navigator.clipboard.readText());
  expect(key).toBe(shown);

  // Shown once: Done forgets it, so opening the dialog again shows an empty form, and after a
  // reload only the prefix is left.
  await apiKeysPage.done(page).click();
  await apiKeysPage.createButton(page).click();
  await expect(apiKeysPage.nameField(page)).toHaveValue("");
  await expect(apiKeysPage.newKey(page)).toHaveCount(0);
  await page.keyboard.press("Escape");
  await page.reload();
  await expect(apiKeysPage.row(page, keyName)).toContainText(key.slice(0, 10));
  expect(await page.content()).not.toContain(key);

  // Names are found ignoring case; the id is what the connection's example uses.
  const served = await requestToken(key, connection.name.toUpperCase());
  expect(served.status).toBe(200);
  expect(served.headers.get("cache-control")).toContain("no-store");
  const accessToken = String(served.body.access_token);
  expect(await introspect(accessToken, TEST_CLIENTS.clientCredentialsBasic)).toMatchObject({ active: true });

  // An unknown connection is refused like one the key may not read, and the refusals show on the key's page.
  for (let i = 0; i < 3; i++) {
    const unknown = await requestToken(key, "no-such-connection");
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toBe("urn:handshake:problem:connection-not-found");
  }

  // The use shows on the key's page (read counts and refusals are written within a second or two).
  await apiKeysPage.keyLink(page, keyName).click();
  await expect(page.getByRole("heading", { name: keyName, level: 1 })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(apiKeysPage.readRows(page).filter({ hasText: connection.name })).toContainText("1", {
      timeout: 2_000,
    });
    await expect(apiKeysPage.refusedCount(page)).toHaveText("3", { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(apiKeysPage.lastRefusal(page)).toContainText("404 connection-not-found");
  await expect(apiKeysPage.lastRefusal(page)).toContainText("“no-such-connection”");
  await expect(apiKeysPage.lastRefusal(page)).toContainText("from 127.0.0.1, e2e-bot/1.0");

  // Least privilege by default: tokens:read only, so the audit trail is refused until the admin
  // adds audit:read on the key's page; the very next request is allowed.
  await expect(apiKeysPage.permissions(page)).toHaveText("tokens:read");
  expect((await requestApi(key, "/api/v1/audit-events")).status).toBe(403);
  await apiKeysPage.permissionChoice(page, "audit:read").check();
  await apiKeysPage.savePermissions(page).click();
  await expect(apiKeysPage.permissions(page)).toHaveText(/^tokens:read\s*audit:read$/);
  expect((await requestApi(key, "/api/v1/audit-events")).status).toBe(200);

  // The auditor sees the key and its use, never the key, and cannot create or revoke.
  const auditor = createUser("AUDITOR");
  const auditorContext = await browser.newContext();
  const auditorPage = await auditorContext.newPage();
  await signIn(auditorPage, auditor);
  await auditorPage.goto("/api-keys");
  await expect(apiKeysPage.row(auditorPage, keyName)).toContainText(key.slice(0, 10));
  await expect(apiKeysPage.createButton(auditorPage)).toHaveCount(0);
  await apiKeysPage.keyLink(auditorPage, keyName).click();
  await expect(auditorPage.getByRole("heading", { name: keyName, level: 1 })).toBeVisible();
  await expect(apiKeysPage.facts(auditorPage)).toContainText(connection.name);
  await expect(apiKeysPage.permissions(auditorPage)).toHaveText(/^tokens:read\s*audit:read$/);
  await expect(apiKeysPage.readRows(auditorPage).filter({ hasText: connection.name })).toBeVisible();
  await expect(apiKeysPage.revokeButton(auditorPage)).toHaveCount(0);
  expect(await auditorPage.content()).not.toContain(key);
  await auditorContext.close();

  await apiKeysPage.revokeButton(page).click();
  await apiKeysPage.confirmRevoke(page).click();
  await expect(apiKeysPage.facts(page)).toContainText("Revoked");
  const refused = await requestToken(key, connection.name);
  expect(refused.status).toBe(401);
  expect(refused.headers.get("www-authenticate")).toContain('error="invalid_token"');
  expect(refused.body.type).toBe("urn:handshake:problem:invalid-api-key");

  // The connection's page shows the curl example by id and the reads, never the key or the token.
  await page.goto(`/connections/${connection.id}`);
  await expect(page.getByTestId("token-api-curl")).toContainText(`/api/v1/connections/${connection.id}/token`);
  await expect(page.getByRole("table", { name: "Token reads per hour" })).toContainText(keyName);
  const pageText = await page.content();
  expect(pageText).not.toContain(key);
  expect(pageText).not.toContain(accessToken);

  // Its link opens the served OpenAPI document as a readable reference.
  await apiKeysPage.referenceLink(page).click();
  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
  await expect(apiKeysPage.referenceTable(page, "Parameters")).toContainText(
    "stays the same when the connection is renamed",
  );
  await expect(apiKeysPage.referenceTable(page, "Responses").getByRole("row", { name: /^404/ })).toContainText(
    "No such connection, or this API key may not read it",
  );
  await expect(apiKeysPage.referenceTable(page, "Problem types")).toContainText("urn:handshake:problem:user-suspended");
  await expect(apiKeysPage.referenceTable(page, "TokenResponse fields")).toContainText("access_token");

  const records = await storedTestRecords();
  expect(records).toContain("api_key.revoked");
  expect(records).toContain("api_key.permissions_changed");
  expect(records).not.toContain(key);
  expect(records).not.toContain(accessToken);
  const log = fs.readFileSync(`${E2E.stateDir}/app.log`, "utf8");
  expect(log).not.toContain(key);
  expect(log).not.toContain(accessToken);
});

test("a key reads only the users it was granted, the user sees it when connecting, and disabling the user suspends their token", async ({
  page,
  browser,
}) => {
  // Two signed-in browsers, a provider login and a CLI run on a shared, loaded machine.
  test.setTimeout(180_000);
  const connection = await seedConnection({
    name: uniqueConnectionName("Token API per user"),
    grantType: "authorization_code_pkce",
    clientId: TEST_CLIENTS.publicPkce.clientId,
    scopes: ["openid", "offline_access"],
    tokenSharing: "PER_USER",
  });
  const keyName = uniqueConnectionName("calendar bot");

  // Dana connects her account; before any key is granted, none may read her token.
  const dana = createUser("ADMIN");
  const danaContext = await browser.newContext();
  const danaPage = await danaContext.newPage();
  await signIn(danaPage, dana);
  await openConnectionTests(danaPage, connection.id);
  await expect(apiKeysPage.keysReadingMyToken(danaPage)).toContainText("None");
  await authorizeInPopup(await openProviderPopup(danaPage, "Connect my account"), "dana");
  await expectTestResult(danaPage, "Success");

  // The admin creates a key for Dana's token only; it expires in 90 days unless changed.
  await signInAsAdmin(page);
  await page.goto("/api-keys");
  await apiKeysPage.createButton(page).click();
  const in90Days = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  await expect(apiKeysPage.expiresField(page)).toHaveValue(in90Days);
  await apiKeysPage.nameField(page).fill(keyName);
  await apiKeysPage.connectionChoice(page, connection.name).check();
  await expect(apiKeysPage.userAccessChoice(page, "Shared tokens only")).toBeChecked();
  await apiKeysPage.userAccessChoice(page, "Chosen users").click();
  await apiKeysPage.submit(page).click();
  await expect(
    page.getByRole("dialog").getByText("Choose at least one user, or allow shared tokens only."),
  ).toBeVisible();
  await expect(apiKeysPage.nameField(page)).toHaveValue(keyName);
  await apiKeysPage.userChoice(page, dana.email).check();
  await apiKeysPage.submit(page).click();
  const key = (await apiKeysPage.newKey(page).textContent())!.trim();
  await apiKeysPage.done(page).click();

  const served = await requestToken(key, connection.name, undefined, dana.email);
  expect(served.status).toBe(200);
  expect(typeof served.body.access_token).toBe("string");
  const other = await requestToken(key, connection.name, undefined, E2E.admin.email);
  expect(other.status).toBe(403);
  expect(other.body.type).toBe("urn:handshake:problem:user-not-allowed");

  // The list shows the grant and where the key was last used from (written within a second or two;
  // each look is short so the reloads keep coming until it shows).
  await expect(async () => {
    await page.reload();
    await expect(apiKeysPage.row(page, keyName)).toContainText(dana.email, { timeout: 2_000 });
    await expect(apiKeysPage.lastUse(page, keyName)).toContainText("from 127.0.0.1, e2e-bot/1.0", { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });

  await openConnectionTests(danaPage, connection.id);
  await expect(apiKeysPage.keysReadingMyToken(danaPage)).toContainText(keyName);
  await danaContext.close();

  // Disabled, Dana's token is suspended: never served, and shown as such.
  runUserCli(["disable", dana.email]);
  const suspended = await requestToken(key, connection.name, undefined, dana.email);
  expect(suspended.status).toBe(409);
  expect(suspended.body.type).toBe("urn:handshake:problem:user-suspended");
  expect(JSON.stringify(suspended.body)).not.toContain(String(served.body.access_token));
  await openConnectionTests(page, connection.id);
  await expect(
    page.getByRole("table", { name: "Connected accounts" }).getByRole("row", { name: new RegExp(dana.email) }),
  ).toContainText("Suspended");

  const records = await storedTestRecords();
  expect(records).not.toContain(key);
  expect(records).not.toContain(String(served.body.access_token));
});
