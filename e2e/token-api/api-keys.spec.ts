/**
 * API keys in the browser and the token API they unlock: an admin creates a key, copies it once,
 * gets a token the authorization server accepts; revoking it gets 401; an auditor sees the key
 * and its use but never the key; no key or token in a page, log line or audit event.
 */
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { createUser, signIn, signInAsAdmin } from "../helpers/auth";
import { apiKeysPage, createApiKeyInBrowser, introspect, requestToken } from "../helpers/api-keys";
import { uniqueConnectionName } from "../helpers/connections";
import { seedConnection, storedTestRecords } from "../helpers/seed-connection";
import { TEST_CLIENTS } from "../support/oidc-clients";
import { E2E } from "../support/env";

test("an admin creates a key, copies it once, gets a token the server accepts, and revoking it refuses the next request", async ({ page, context, browser }) => {
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

  const served = await requestToken(key, connection.name);
  expect(served.status).toBe(200);
  expect(served.headers.get("cache-control")).toContain("no-store");
  const accessToken = String(served.body.access_token);
  expect(await introspect(accessToken, TEST_CLIENTS.clientCredentialsBasic)).toMatchObject({ active: true });

  // The use shows on the key's page (read counts are written within a second or two).
  await apiKeysPage.keyLink(page, keyName).click();
  await expect(page.getByRole("heading", { name: keyName, level: 1 })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(apiKeysPage.readRows(page).filter({ hasText: connection.name })).toContainText("1");
  }).toPass({ timeout: 15_000 });

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

  // The connection's page shows the curl example and the reads, never the key or the token.
  await page.goto(`/connections/${connection.id}`);
  await expect(page.getByTestId("token-api-curl")).toContainText(`/api/v1/connections/${encodeURIComponent(connection.name)}/token`);
  await expect(page.getByRole("table", { name: "Token reads per hour" })).toContainText(keyName);
  const pageText = await page.content();
  expect(pageText).not.toContain(key);
  expect(pageText).not.toContain(accessToken);

  const records = await storedTestRecords();
  expect(records).toContain("api_key.revoked");
  expect(records).not.toContain(key);
  expect(records).not.toContain(accessToken);
  const log = fs.readFileSync(`${E2E.stateDir}/app.log`, "utf8");
  expect(log).not.toContain(key);
  expect(log).not.toContain(accessToken);
});
