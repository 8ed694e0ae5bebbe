import { expect, test } from "@playwright/test";
import { createUser, signIn } from "../helpers/auth";
import { seedConnection, storedTokens } from "../helpers/seed-connection";
import { expectTestResult, runConnectionTest } from "../helpers/test-connection";
import {
  auditRowActor,
  auditRowsFor,
  downloadExport,
  expandAuditRow,
  exportAuditCsv,
  exportAuditJsonLines,
  filterInventory,
  goToAudit,
  inventoryNames,
  openInventoryFiltered,
  openConnectionAuditHistory,
  inventoryRow,
} from "../helpers/audit";
import { E2E } from "../support/env";
import { TEST_CLIENTS } from "../support/oidc-clients";

const RESOURCE = "urn:handshake:e2e-api";

test("[AUDIT][TESTS]: test runs and stored tokens show in the audit trail and the inventory, and no secret or token reaches an export", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = createUser("ADMIN");
  const prefix = `Tested ${Date.now().toString(36)}`;
  const wrongSecret = `wrong-secret-${crypto.randomUUID()}`;
  const cc = {
    grantType: "client_credentials" as const,
    clientId: TEST_CLIENTS.clientCredentialsBasic.clientId,
    scopes: ["api:read"],
    resource: RESOURCE,
  };
  const healthy = await seedConnection({
    ...cc,
    name: `${prefix} healthy`,
    clientSecret: TEST_CLIENTS.clientCredentialsBasic.clientSecret,
  });
  const failing = await seedConnection({ ...cc, name: `${prefix} failing`, clientSecret: wrongSecret });

  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, admin);
  for (const [connection, outcome] of [
    [healthy, "Success"],
    [failing, "Failed"],
  ] as const) {
    await runConnectionTest(adminPage, connection.id);
    await expectTestResult(adminPage, outcome);
  }
  const tokens = await storedTokens(healthy.id);
  expect(tokens.length).toBeGreaterThan(0);
  const secrets = [TEST_CLIENTS.clientCredentialsBasic.clientSecret, wrongSecret, ...tokens];

  const page = await (await browser.newContext()).newPage();
  await signIn(page, createUser("AUDITOR"));

  await test.step("the test run, with grant type, target host, outcome and the stored token set, is audited", async () => {
    await openConnectionAuditHistory(page, healthy.id);
    await expect(auditRowActor(auditRowsFor(page, "connection.tested"))).toHaveText(admin.email);
    const tested = await expandAuditRow(page, auditRowsFor(page, "connection.tested"));
    await expect(tested).toContainText('"grantType": "client_credentials"');
    await expect(tested).toContainText(`"targetHost": "${new URL(E2E.oidcIssuer).host}"`);
    await expect(tested).toContainText('"outcome": "SUCCESS"');
    await expect(tested).toContainText('"stored": "the shared token set"');
    // Client credentials authorize no one: the test is not also labelled "Authorization completed".
    await expect(auditRowsFor(page, "connection.authorized")).toHaveCount(0);

    const csv = await exportAuditCsv(page);
    const jsonl = await exportAuditJsonLines(page);
    expect(jsonl.text).toContain('"action":"connection.tested"');
    for (const secret of secrets) {
      expect(csv.text).not.toContain(secret);
      expect(jsonl.text).not.toContain(secret);
    }

    await goToAudit(page, `connection=${failing.id}`);
    const failed = await expandAuditRow(page, auditRowsFor(page, "connection.tested"));
    await expect(failed).toContainText('"outcome": "FAILED"');
    await expect(failed).toContainText('"diagnosis"');
  });

  await test.step("the inventory shows the last test outcome, health and token status", async () => {
    await openInventoryFiltered(page, prefix, [`${prefix} failing`, `${prefix} healthy`]);
    const healthyRow = inventoryRow(page, `${prefix} healthy`);
    await expect(healthyRow).toContainText("Healthy");
    await expect(healthyRow).toContainText("Last test: Success");
    await expect(healthyRow).toContainText("Valid until");
    const failingRow = inventoryRow(page, `${prefix} failing`);
    await expect(failingRow).toContainText("Failing");
    await expect(failingRow).toContainText("Last test: Failed");
    await expect(failingRow).toContainText("No tokens");

    await filterInventory(page, { failing: true });
    await expect.poll(() => inventoryNames(page)).toEqual([`${prefix} failing`]);
    const csv = await downloadExport(page, "Export CSV");
    expect(csv.text).toContain(`${prefix} failing`);
    for (const secret of secrets) expect(csv.text).not.toContain(secret);
  });
});
