import { expect } from "@playwright/test";
import { test } from "../helpers/admin-test";
import { connectionAuditEvents, seedWebConnection, seedClientCredentialsConnection } from "../helpers/seed-connection";
import {
  applySuggestedFix,
  authorizeInPopup,
  diagnosisFix,
  expectDiagnosis,
  expectTestResult,
  testAgain,
} from "../helpers/test-connection";
import { detail, uniqueConnectionName } from "../helpers/connections";
import { fillWizardToReview, wizard } from "../helpers/connection-wizard";
import { registerDraftJwks } from "../helpers/client-keys";
import { TEST_CLIENTS } from "../support/oidc-clients";

test.describe.configure({ timeout: 150_000 });

test("[UX][FIX] the diagnosis offers Re-enter client secret: it replaces only the secret, audited, and Save and test passes", async ({
  page,
}) => {
  const connection = await seedClientCredentialsConnection({
    clientSecret: "a-wrong-secret-0000",
    scopes: ["api:read"],
  });
  await page.goto(`/connections/${connection.id}`);
  await detail.testButton(page).click();
  await expectTestResult(page, "Failed");
  await expectDiagnosis(page, "Client authentication failed");
  const failedUrl = page.url();

  await diagnosisFix(page, "Re-enter client secret").click();
  const dialog = page.getByRole("dialog", { name: "Rotate client secret" });
  await dialog.getByRole("button", { name: "Save and test" }).click();
  await expect(dialog.getByText("Type the new client secret.")).toBeVisible();
  await dialog.getByLabel("New client secret").fill(TEST_CLIENTS.clientCredentialsBasic.clientSecret);
  await dialog.getByRole("button", { name: "Save and test" }).click();
  await expect(page).not.toHaveURL(failedUrl);
  await expectTestResult(page, "Success");

  const events = await connectionAuditEvents(connection.id);
  const rotated = events.filter((e) => e.action === "connection.secret_rotated");
  expect(rotated).toHaveLength(1);
  expect(Object.keys(rotated[0]!.details.diff as object)).toEqual(["clientSecret"]);
  expect(JSON.stringify(rotated[0]!.details)).not.toContain(TEST_CLIENTS.clientCredentialsBasic.clientSecret);
  const testsAfterFix = events.slice(events.indexOf(rotated[0]!)).filter((e) => e.action === "connection.tested");
  expect(testsAfterFix.map((e) => e.details.outcome)).toEqual(["SUCCESS"]);
});

test("[UX][FIX] the metadata's offline_access finding offers Add offline_access: only the scopes change, audited, and the next test gets a refresh token", async ({
  page,
}) => {
  const connection = await seedWebConnection({
    scopes: ["openid"],
    importDiscovery: true,
  });
  await page.goto(`/connections/${connection.id}`);
  const finding = page.getByTestId("lint-warnings").getByRole("listitem").filter({ hasText: "offline_access" });
  await expect(finding).toContainText("The provider's metadata lists the offline_access scope");
  await finding.getByRole("button", { name: "Add offline_access" }).click();
  await expect(page.getByText("Added the offline_access scope.")).toBeVisible();
  await expect(detail.summaryValue(page, "Scopes")).toHaveText("openid offline_access");
  await expect(page.getByTestId("lint-warnings").filter({ hasText: "offline_access" })).toHaveCount(0);

  const events = await connectionAuditEvents(connection.id);
  const updated = events.filter((e) => e.action === "connection.updated");
  expect(updated).toHaveLength(1);
  expect(Object.keys(updated[0]!.details.diff as object)).toEqual(["scopes"]);

  const popupOpened = page.waitForEvent("popup");
  await detail.testButton(page).click();
  await authorizeInPopup(await popupOpened);
  await expectTestResult(page, "Success");
  await expect(page.getByRole("heading", { name: "Refresh" })).toBeVisible();
  await expect(page.getByText("The refresh token worked")).toBeVisible();
});

test("[UX][FIX] private_key_jwt at a provider that takes only the token endpoint URL as audience: the probe finds it, one click sets it, and the test passes", async ({
  page,
}) => {
  await fillWizardToReview(page, {
    name: uniqueConnectionName("Fix assertion audience"),
    grant: "Client Credentials",
    ...TEST_CLIENTS.tokenEndpointAudience,
    clientAuth: "private_key_jwt",
    keyAlgorithm: "ES256",
    scopes: "api:read",
  });
  await registerDraftJwks(page, TEST_CLIENTS.tokenEndpointAudience.clientId);
  const connectionId = new URL(page.url()).searchParams.get("draft")!;
  await wizard.saveAndTest(page).click();
  await expectTestResult(page, "Failed");
  await expectDiagnosis(
    page,
    "The provider accepts these credentials with the token endpoint URL as the assertion's audience",
  );
  await applySuggestedFix(page, "set Assertion audience to the token endpoint URL");
  await testAgain(page);
  await expectTestResult(page, "Success");
  // The activation is audited as an update too; the fix is the one with its reason.
  const updated = (await connectionAuditEvents(connectionId)).filter(
    (e) => e.action === "connection.updated" && typeof e.details.reason === "string",
  );
  expect(updated).toHaveLength(1);
  expect(Object.keys(updated[0]!.details.diff as object)).toEqual(["clientAssertionAudience"]);
});
