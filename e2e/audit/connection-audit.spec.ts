import { expect, test } from "@playwright/test";
import { signIn } from "../helpers/auth";
import { detail, field, uniqueConnectionName } from "../helpers/connections";
import {
  createConnectionThroughWizard,
  expectStep,
  OIDC_ENDPOINTS,
  WIZARD_CLIENTS,
} from "../helpers/connection-wizard";
import {
  auditRowActor,
  auditRowSeqs,
  auditRows,
  auditRowsFor,
  diffRow,
  expandAuditRow,
  exportAuditBothWays,
  filterAudit,
  goToAudit,
  openAdminAndAuditor,
  openAuditAs,
  verifyIntegrity,
} from "../helpers/audit";
import { TEST_CLIENTS } from "../support/oidc-clients";

const HISTORY = [
  "connection.created",
  "connection.updated",
  "connection.secret_rotated",
  "connection.disabled",
  "connection.enabled",
  "connection.deleted",
];

test("[AUDIT][CONNECTIONS]: an auditor finds a connection's whole history with actor and diffs, and its secret appears in no event, diff or export", async ({
  browser,
}) => {
  const { admin, auditor, adminContext, adminPage } = await openAdminAndAuditor(browser);
  const name = uniqueConnectionName("Audited");
  const firstSecret = `first-secret-${crypto.randomUUID()}`;
  const rotatedSecret = `rotated-secret-${crypto.randomUUID()}`;

  await signIn(adminPage, admin);
  const id =
    await test.step("the admin creates, edits, rotates, disables, enables, duplicates and deletes a connection", async () => {
      const created = await createConnectionThroughWizard(adminPage, {
        name,
        ...WIZARD_CLIENTS.web,
        clientSecret: firstSecret,
        scopes: "openid email",
      });
      await detail.actionButton(adminPage, "Edit").click();
      await field(adminPage, "description").fill("Audited description");
      await field(adminPage, "tokenUrl").fill(`${OIDC_ENDPOINTS.issuer}/token?v=2`);
      await adminPage.getByRole("button", { name: "Save", exact: true }).click();
      await expect(detail.summaryValue(adminPage, "Description")).toHaveText("Audited description");

      // A fresh load before each action: the toast of the last one covers the action buttons, and
      // hovering a toast keeps it open.
      const reopen = () => adminPage.goto(`/connections/${created}`);
      await reopen();
      await detail.chooseAction(adminPage, "Rotate secret");
      const rotate = adminPage.getByRole("dialog", { name: "Rotate client secret" });
      await rotate.getByLabel("New client secret").fill(rotatedSecret);
      await rotate.getByRole("button", { name: "Save secret" }).click();
      await expect(rotate).toHaveCount(0);

      await reopen();
      await detail.disableConnection(adminPage);
      await expect(detail.status(adminPage)).toContainText("Disabled");
      await reopen();
      await detail.chooseAction(adminPage, "Enable");
      await expect(detail.status(adminPage)).toHaveText("Not tested");

      await reopen();
      await detail.chooseAction(adminPage, "Duplicate");
      await expectStep(adminPage, "Client");

      await reopen();
      await detail.chooseAction(adminPage, "Delete");
      const dialog = adminPage.getByRole("dialog", { name: `Delete ${name}?` });
      await dialog.getByLabel(`Type ${name} to confirm`).fill(name);
      await dialog.getByRole("button", { name: "Delete connection" }).click();
      await expect(adminPage).toHaveURL(/\/connections$/);
      return created;
    });
  await adminContext.close();

  const page = await openAuditAs(browser, auditor, `connection=${id}`);
  await expect(page.getByTestId("audit-connection-scope")).toContainText(
    `Showing the audit history of connection ${name} (deleted)`,
  );

  await test.step("every kind of change is in the connection's history, by the admin", async () => {
    for (const action of HISTORY) {
      await expect(auditRowsFor(page, action).first(), action).toBeVisible();
      for (const actor of await auditRowActor(auditRowsFor(page, action)).all())
        await expect(actor).toHaveText(admin.email);
    }
    await expect(auditRowsFor(page, "connection.created")).toHaveCount(1);
    await expect(auditRowsFor(page, "connection.deleted")).toHaveCount(1);
    await expect(auditRows(page).first()).toHaveAttribute("data-action", "connection.deleted");
  });

  await test.step("the diffs show old and new values, and secrets only as changed", async () => {
    const created = await expandAuditRow(page, auditRowsFor(page, "connection.created"));
    await expect(diffRow(created, "Connection name").getByRole("cell").nth(1)).toContainText(name);

    // The wizard saves a draft at each step, so the client settings arrive in an update.
    for (const row of await auditRowsFor(page, "connection.updated").all()) await expandAuditRow(page, row);
    const changedFields = page.locator("#main");
    await expect(diffRow(changedFields, "Client ID").getByRole("cell").nth(1)).toContainText(TEST_CLIENTS.web.clientId);
    await expect(diffRow(changedFields, "Client secret").first()).toContainText("changed");
    const tokenUrl = page.getByTestId("diff-row").filter({ hasText: "token?v=2" });
    await expect(tokenUrl).toHaveCount(1);
    await expect(tokenUrl.getByRole("rowheader")).toHaveText("Token URL");
    await expect(tokenUrl.getByRole("cell").nth(0)).toHaveText(`${OIDC_ENDPOINTS.issuer}/token`);
    await expect(
      page.getByTestId("diff-row").filter({ hasText: "Audited description" }).getByRole("rowheader"),
    ).toHaveText("Description");

    const rotated = await expandAuditRow(page, auditRowsFor(page, "connection.secret_rotated"));
    await expect(diffRow(rotated, "Client secret")).toContainText("changed");
    await expect(diffRow(rotated, "Client secret")).toContainText("secret: value not recorded");

    const disabled = await expandAuditRow(page, auditRowsFor(page, "connection.disabled"));
    await expect(diffRow(disabled, "Enabled").getByRole("cell").nth(0)).toHaveText("true");
  });

  const pageSeqs = await auditRowSeqs(page);
  const html = await page.content();

  await test.step("the duplicate is found by action and actor, naming its source", async () => {
    await filterAudit(page, { connection: "", actor: admin.email, action: "connection.duplicated" });
    await expect(auditRows(page)).toHaveCount(1);
    const duplicated = await expandAuditRow(page, auditRows(page).first());
    await expect(duplicated).toContainText(name);
    await expect(duplicated).toContainText(id);
  });

  await test.step("the exports of the connection's history hold the same events, and no secret", async () => {
    await goToAudit(page, `connection=${id}`);
    const { csv, csvRecords, jsonl, events } = await exportAuditBothWays(page);
    const [, ...records] = csvRecords;
    expect(records.map((r) => Number(r[0]))).toEqual(pageSeqs);
    expect(events.map((e) => e.seq)).toEqual(pageSeqs);
    expect(new Set(events.map((e) => e.actorEmail))).toEqual(new Set([admin.email]));
    for (const secret of [firstSecret, rotatedSecret]) {
      expect(csv.text).not.toContain(secret);
      expect(jsonl.text).not.toContain(secret);
      expect(html).not.toContain(secret);
    }
  });

  await test.step("Verify integrity still reports that all events verify", async () => {
    await expect(await verifyIntegrity(page)).toContainText(/All [\d,]+ events verify/);
  });
});
