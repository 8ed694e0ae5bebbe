/**
 * The Audit page reads as what happened: one wizard run is one draft event and one activation
 * (not an event per step), target cells link to what they name, and the connection filter finds
 * a connection by part of its name in any case.
 */
import { expect } from "@playwright/test";
import { test } from "../helpers/admin-test";
import {
  auditRows,
  auditRowsFor,
  auditRowTargetLink,
  diffRow,
  expandAuditRow,
  filterAudit,
  goToAudit,
} from "../helpers/audit";
import { createNamedConnectionThroughWizard, WIZARD_CLIENTS } from "../helpers/connection-wizard";

test.describe.configure({ timeout: 120_000 });

test("[AUDIT][UX] a wizard run is two events, found by part of the name in any case, and its target links to the connection", async ({
  page,
}) => {
  const { id, name } = await createNamedConnectionThroughWizard(page, "Audit Wizard Run", {
    ...WIZARD_CLIENTS.clientCredentialsBasic,
    scopes: "api:read",
  });

  await goToAudit(page);
  // The name without its first word, in lower case: a partial, case-insensitive match.
  await filterAudit(page, { connection: name.split(" ").slice(1).join(" ").toLowerCase() });
  await expect(page.getByTestId("audit-connection-scope")).toContainText(
    `Showing the audit history of connection ${name}.`,
  );
  await expect(page.getByTestId("audit-connection-scope")).not.toContainText("(deleted)");
  await expect(auditRows(page)).toHaveCount(2);
  await expect(auditRowsFor(page, "connection.created")).toHaveCount(1);
  const activation = auditRowsFor(page, "connection.updated");
  await expect(activation).toHaveCount(1);
  const details = await expandAuditRow(page, activation);
  await expect(diffRow(details, "Status")).toContainText("ACTIVE");
  await expect(diffRow(details, "Token URL")).toContainText("/token");
  await expect(diffRow(details, "Client secret")).toContainText("secret: value not recorded");

  await auditRowTargetLink(activation).click();
  await expect(page).toHaveURL(new RegExp(`/connections/${id}$`));
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
});
