import { expect, test } from "@playwright/test";
import { E2E } from "../support/env";
import { createUser, signIn } from "../helpers/auth";
import {
  downloadExport,
  filterInventory,
  goToAudit,
  goToInventory,
  inventoryNames,
  inventoryRow,
  openInventoryFiltered,
  parseCsv,
} from "../helpers/audit";
import { seedInventoryConnections } from "../helpers/seed-connection";

// A whole audit story per test; on a loaded two-core machine the first one passes 60 s.
test.describe.configure({ timeout: 120_000 });

test("[AUDIT][INVENTORY]: an auditor finds the stale, the failing, old secrets and expired tokens, and exports them as CSV", async ({
  page,
}) => {
  const prefix = `inv-${Date.now().toString(36)}`;
  const [healthyId] = seedInventoryConnections(E2E.admin.email, [
    {
      name: `${prefix} healthy`,
      health: "HEALTHY",
      lastTestedDaysAgo: 1,
      secretDaysOld: 10,
      token: { expiresInDays: 1, refreshToken: true },
    },
    {
      name: `${prefix} failing`,
      grantType: "authorization_code",
      health: "FAILING",
      lastTestedDaysAgo: 2,
      secretDaysOld: 200,
      token: { expiresInDays: -3, refreshToken: false },
      problem: { source: "background", title: "The refresh token was rejected", daysAgo: 3 },
    },
    { name: `${prefix} stale`, health: "HEALTHY", lastTestedDaysAgo: 45 },
  ]);
  await signIn(page, createUser("AUDITOR"));
  await openInventoryFiltered(page, prefix, [`${prefix} failing`, `${prefix} healthy`, `${prefix} stale`]);

  const healthy = inventoryRow(page, `${prefix} healthy`);
  await expect(healthy).toContainText("Healthy");
  await expect(healthy).toContainText("Valid until");
  await expect(healthy).toContainText("Refresh token present");
  await expect(healthy).toContainText("10 days old");
  await expect(healthy).toContainText(E2E.admin.email);
  const failing = inventoryRow(page, `${prefix} failing`);
  await expect(failing).toContainText("Expired");
  await expect(failing).toContainText("No refresh token");
  await expect(failing).toContainText("200 days old");
  // The Problem column: why it fails and what found it.
  await expect(failing.getByTestId("inventory-problem")).toContainText("The refresh token was rejected");
  await expect(failing.getByTestId("inventory-problem")).toContainText("Background refresh");
  await expect(healthy.getByTestId("inventory-problem")).toHaveCount(0);
  await expect(inventoryRow(page, `${prefix} stale`)).toContainText("No secret");
  // The scheduled check: active connections are checked daily by default, none has run yet.
  await expect(healthy.getByTestId("inventory-next-check")).toContainText("Daily");
  await expect(healthy.getByTestId("inventory-last-check")).toHaveText("Never");

  await filterInventory(page, { failing: true });
  await expect.poll(() => inventoryNames(page)).toEqual([`${prefix} failing`]);
  await filterInventory(page, { failing: false, stale: true });
  await expect.poll(() => inventoryNames(page)).toEqual([`${prefix} stale`]);
  await filterInventory(page, { stale: false, tokenExpired: true });
  await expect.poll(() => inventoryNames(page)).toEqual([`${prefix} failing`]);
  await filterInventory(page, { tokenExpired: false, secretOlderThan: "90" });
  await expect.poll(() => inventoryNames(page)).toEqual([`${prefix} failing`]);
  await filterInventory(page, { secretOlderThan: "", sort: "last_tested" });
  await expect.poll(() => inventoryNames(page)).toEqual([`${prefix} stale`, `${prefix} failing`, `${prefix} healthy`]);

  const csv = await downloadExport(page, "Export CSV");
  expect(csv.name).toMatch(/^handshake-inventory-\d{8}-\d{6}\.csv$/);
  const [header, ...records] = parseCsv(csv.text);
  expect(header).toEqual(
    expect.arrayContaining([
      "name",
      "health",
      "client_secret_age_days",
      "token_valid_until",
      "refresh_token_present",
      "created_by",
      "last_check_at",
      "next_check_at",
    ]),
  );
  expect(records.map((r) => r[0])).toEqual([`${prefix} stale`, `${prefix} failing`, `${prefix} healthy`]);
  expect(records[1]![header!.indexOf("client_secret_age_days")]).toBe("200");
  expect(records[1]![header!.indexOf("problem")]).toBe("The refresh token was rejected");
  expect(csv.text).not.toContain("seeded-inventory-secret");

  await test.step("a bad filter gets a message next to the field", async () => {
    await goToInventory(page, "secretOlderThan=ninety&sort=sideways");
    await expect(page.getByTestId("inventory-filter-error")).toBeVisible();
    await expect(page.getByText("Enter a whole number of days, such as 90.")).toBeVisible();
    await expect(page.getByText('"sideways" is not a sort order. Choose one from the list.')).toBeVisible();
  });

  await test.step("a connection's own audit history is one link away", async () => {
    await goToAudit(page, `connection=${healthyId}`);
    await expect(page.getByTestId("audit-connection-scope")).toContainText(
      `Showing the audit history of connection ${prefix} healthy`,
    );
    await expect(page.getByLabel("Connection", { exact: true })).toHaveValue(healthyId!);
  });
});

test("[AUDIT][INVENTORY]: drafts are not counted as untested, a fresh secret is set today, an expired client-credentials token is no alarm, labels match the console", async ({
  page,
}) => {
  const prefix = `inv-words-${Date.now().toString(36)}`;
  seedInventoryConnections(E2E.admin.email, [
    { name: `${prefix} draft`, status: "DRAFT" },
    {
      name: `${prefix} fresh`,
      health: "HEALTHY",
      lastTestedDaysAgo: 45,
      secretDaysOld: 0,
      token: { expiresInDays: -2, refreshToken: false },
    },
  ]);
  await signIn(page, createUser("AUDITOR"));
  await openInventoryFiltered(page, prefix, [`${prefix} draft`, `${prefix} fresh`]);

  const draft = inventoryRow(page, `${prefix} draft`);
  await expect(draft).toContainText("Draft");
  await expect(draft).toContainText("Not finished");
  await expect(draft).not.toContainText("Not tested");
  const fresh = inventoryRow(page, `${prefix} fresh`);
  await expect(fresh).toContainText("Set today");
  await expect(fresh).not.toContainText("0 days old");
  await expect(fresh).toContainText("Client Credentials");
  await expect(fresh).toContainText("Last test:");
  // Its client-credentials token expired two days ago: fetched again on the next request, no alarm.
  await expect(fresh).toContainText("Fetched on next request");

  await filterInventory(page, { stale: true });
  await expect.poll(() => inventoryNames(page)).toEqual([`${prefix} fresh`]);
  await filterInventory(page, { stale: false, tokenExpired: true });
  await expect(page.getByRole("heading", { name: "No connections match" })).toBeVisible();
});
