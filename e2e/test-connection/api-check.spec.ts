/**
 * The optional API check against a real resource endpoint (the test provider's userinfo), and
 * introspection and revocation of what the test obtained.
 */
import { expect } from "@playwright/test";
import { test } from "../helpers/admin-test";
import { storedTokens, seedClientCredentialsConnection, seedWebConnection } from "../helpers/seed-connection";
import {
  authorizeInPopup,
  expectDiagnosis,
  expectTestResult,
  openConnectionTests,
  openProviderPopup,
  tokenChecks,
  traceStepTitles,
  runConnectionTest,
} from "../helpers/test-connection";
import { OIDC_ENDPOINTS } from "../helpers/connection-wizard";

test.describe.configure({ timeout: 120_000 });

const { userinfoUrl } = OIDC_ENDPOINTS;

test("[API] a user's token works at the API: status, timing and headers; introspected, then revoked", async ({
  page,
}) => {
  const connection = await seedWebConnection({
    scopes: ["openid", "email"],
    apiCheckUrl: userinfoUrl,
    testIntrospection: true,
    testRevocation: true,
  });
  await openConnectionTests(page, connection.id);
  await authorizeInPopup(await openProviderPopup(page));
  await expectTestResult(page, "Success");
  const checks = tokenChecks(page);
  await expect(page.getByText(`GET ${userinfoUrl}`, { exact: true })).toBeVisible();
  await expect(
    checks.filter({ hasText: /^200 \(expected 200\) · \d+ ms · the token works at the API$/ }),
  ).toBeVisible();
  await expect(checks.filter({ hasText: /^application\/json/ })).toBeVisible();
  await expect(checks.filter({ hasText: /^active$/ })).toBeVisible();
  await expect(checks.filter({ hasText: /^openid email$/ })).toBeVisible();
  await expect(checks.filter({ hasText: /^refresh token, access token$/ })).toBeVisible();
  const titles = await traceStepTitles(page);
  expect(titles.slice(-3)).toEqual([
    `API check: GET ${userinfoUrl}`,
    "Introspection (RFC 7662)",
    "Revocation of the test's tokens (RFC 7009)",
  ]);
  await expect(page.getByText("The test revoked the tokens it obtained, so none were stored.")).toBeVisible();
  expect(await storedTokens(connection.id)).toEqual([]);
});

test("[API] a client credentials token refused by the API fails the test, and says why", async ({ page }) => {
  const connection = await seedClientCredentialsConnection({
    scopes: ["api:read"],
    resource: "urn:handshake:e2e-api",
    apiCheckUrl: userinfoUrl,
  });
  await runConnectionTest(page, connection.id);
  await expectTestResult(page, "Failed");
  await expectDiagnosis(page, "The API refused the token");
  await expect(page.getByText(`but GET ${userinfoUrl} answered 401 instead of 200`)).toBeVisible();
  await expect(tokenChecks(page).filter({ hasText: /^401 \(expected 200\) · \d+ ms · failed$/ })).toBeVisible();
  await expect(
    tokenChecks(page)
      .filter({ hasText: /^Bearer .*invalid_token/ })
      .first(),
  ).toBeVisible();
});
