import { expect } from "@playwright/test";
import { test } from "../helpers/admin-test";
import { connectionsFile, type ExportedConnections } from "../helpers/connections-file";
import { list } from "../helpers/connections";
import { OIDC_ENDPOINTS } from "../helpers/connection-wizard";
import { seedClientCredentialsConnection } from "../helpers/seed-connection";
import { expectTestResult, runConnectionTest } from "../helpers/test-connection";
import { auditRowsFor, expandAuditRow, goToAudit } from "../helpers/audit";
import { TEST_CLIENTS } from "../support/oidc-clients";

test("[IMPORT] an admin exports connections, reads the plan of a changed file, applies it, and finds it audited", async ({
  page,
}) => {
  const suffix = Date.now().toString(36);
  // As the wizard stores it: with the token URL the discovery filled in.
  const a = await seedClientCredentialsConnection({ name: `Imported A ${suffix}`, tokenUrl: OIDC_ENDPOINTS.tokenUrl });
  const bName = `Imported B ${suffix}`;

  await page.goto(`/connections?q=${encodeURIComponent(suffix)}`);
  const exported = await connectionsFile.download(page, "Export as JSON");
  expect(exported.name).toMatch(/^handshake-connections-[\d-]+\.json$/);
  expect(exported.text).not.toContain(TEST_CLIENTS.clientCredentialsBasic.clientSecret);
  const file = JSON.parse(exported.text) as ExportedConnections;
  expect(file.connections.map((c) => c.name)).toEqual([a.name]);
  expect(file.connections[0]!.clientSecret).toEqual({ env: expect.stringMatching(/^HANDSHAKE_SECRET_/) });

  // One setting changed (the entry leaves its secret out: the stored one stays), and a new
  // connection whose secret the server reads from its environment.
  delete file.connections[0]!.clientSecret;
  file.connections[0]!.description = "Changed in the file";
  file.connections.push({
    ...file.connections[0]!,
    name: bName,
    description: "Created from the file",
    clientSecret: { env: "E2E_IMPORTED_CLIENT_SECRET" },
  });
  const text = `${JSON.stringify(file, null, 2)}\n`;
  await connectionsFile.openImport(page);
  await connectionsFile.upload(page, "connections.json", text);
  await connectionsFile.plan(page);
  await expect(connectionsFile.planRow(page, a.name)).toContainText("Update");
  await expect(connectionsFile.planRow(page, a.name)).toContainText("Description");
  await expect(connectionsFile.planRow(page, a.name)).toContainText("Changed in the file");
  await expect(connectionsFile.planRow(page, bName)).toContainText("Create");
  const checksum = (await connectionsFile.checksum(page).textContent())!;
  await connectionsFile.applyButton(page).click();
  await expect(connectionsFile.applied(page)).toBeVisible();

  // The same file again changes nothing.
  await connectionsFile.plan(page);
  await expect(connectionsFile.planRow(page, a.name)).toContainText("Unchanged");
  await expect(connectionsFile.planRow(page, bName)).toContainText("Unchanged");
  await expect(connectionsFile.applyButton(page)).toBeDisabled();

  // The imported connection works with the secret from the environment.
  await page.goto(`/connections?q=${encodeURIComponent(bName)}`);
  const bHref = await list.row(page, bName).getByRole("link", { name: bName, exact: true }).getAttribute("href");
  const bId = bHref!.split("/").pop()!;
  await runConnectionTest(page, bId);
  await expectTestResult(page, "Success");

  await goToAudit(page, `connection=${bId}`);
  const created = auditRowsFor(page, "connection.created");
  await expect(created).toHaveCount(1);
  await expect(await expandAuditRow(page, created)).toContainText(checksum);
});
