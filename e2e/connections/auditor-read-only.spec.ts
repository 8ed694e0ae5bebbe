import { expect, test } from "@playwright/test";
import { createUser, signIn, signInAsAdmin } from "../helpers/auth";
import { callServerAction, captureServerAction } from "../helpers/server-actions";
import { detail, list, mutatingControls, uniqueConnectionName } from "../helpers/connections";
import { createConnectionThroughWizard, WIZARD_CLIENTS } from "../helpers/connection-wizard";
import { TEST_CLIENTS } from "../support/oidc-clients";

test("[CONNECTIONS][AUDITOR] an auditor sees connections read-only, and the server refuses their changes", async ({
  page,
  browser,
}) => {
  // A long story (the wizard, three admin actions, a second user): the time budget of the other connection stories.
  test.setTimeout(150_000);
  await signInAsAdmin(page);
  const name = uniqueConnectionName("Audited");
  const id = await createConnectionThroughWizard(page, {
    name,
    ...WIZARD_CLIENTS.clientCredentialsBasic,
  });
  await mutatingControls.expectShown(page, id);
  // Capture two admin actions as the browser sends them: disable (then undo it) and a no-op rotation.
  await detail.chooseAction(page, "Disable");
  const disable = await captureServerAction(page, () => detail.confirmDisableButton(page).click());
  await expect(detail.status(page)).toContainText("Disabled");
  await detail.chooseAction(page, "Enable");
  await expect(detail.status(page)).toHaveText("Not tested");
  // Rotating to the same value: a real rotation the auditor's replay must not be able to repeat.
  await detail.chooseAction(page, "Rotate secret");
  await page.getByLabel("New client secret").fill(TEST_CLIENTS.clientCredentialsBasic.clientSecret);
  const rotate = await captureServerAction(page, () => page.getByRole("button", { name: "Save secret" }).click());
  await expect(page.getByText("Client secret replaced.")).toBeVisible();

  const auditorContext = await browser.newContext();
  const auditor = await auditorContext.newPage();
  await signIn(auditor, createUser("AUDITOR"));
  await auditor.goto("/connections");
  await expect(auditor.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
  await list.search(auditor, name);
  await list.row(auditor, name).getByRole("link", { name }).click();
  await expect(auditor.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(detail.summaryValue(auditor, "Client ID")).toHaveText(TEST_CLIENTS.clientCredentialsBasic.clientId);
  await expect(detail.summaryValue(auditor, "Client secret")).toHaveText(
    `•••• ${TEST_CLIENTS.clientCredentialsBasic.clientSecret.slice(-4)}`,
  );
  await mutatingControls.expectNone(auditor, id);

  for (const path of ["/connections/new", `/connections/${id}/edit`]) {
    await auditor.goto(path);
    await expect(auditor.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  }

  const disableReply = await callServerAction(auditorContext.request, disable);
  expect(disableReply).toContain("Your role does not allow this action.");
  const rotateReply = await callServerAction(
    auditorContext.request,
    rotate,
    JSON.stringify([{ connectionId: id, secret: "auditor-typed-secret-0000" }]),
  );
  expect(rotateReply).toContain("Your role does not allow this action.");

  await page.reload();
  await expect(detail.status(page)).toHaveText("Not tested");
  await expect(detail.summaryValue(page, "Client secret")).toHaveText(
    `•••• ${TEST_CLIENTS.clientCredentialsBasic.clientSecret.slice(-4)}`,
  );
  await auditorContext.close();
});
