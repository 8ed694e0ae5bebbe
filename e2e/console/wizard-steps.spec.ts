/** The wizard's step list on a desktop; on a phone a compact progress bar, so the form starts on the first screen. */
import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "../helpers/auth";
import { field, uniqueConnectionName } from "../helpers/connections";
import {
  clickNextTo,
  goToNewConnection,
  OIDC_ENDPOINTS,
  openWizardAtEndpoints,
  wizard,
} from "../helpers/connection-wizard";
import { VIEWPORTS } from "../helpers/layout";

test("[UX][WIZARD] a phone gets a compact step indicator and the form near the top; a desktop the step list", async ({
  page,
}) => {
  await signInAsAdmin(page);
  await page.setViewportSize(VIEWPORTS.phone);
  await goToNewConnection(page);
  await expect(page.getByRole("navigation", { name: "Wizard steps" })).toBeHidden();
  await expect(wizard.progress(page)).toBeVisible();
  await expect(wizard.step(page, "Connection settings").getByText("Step 1 of 6")).toBeVisible();
  const nameField = await field(page, "name").boundingBox();
  expect(nameField!.y + nameField!.height).toBeLessThan(VIEWPORTS.phone.height);
  const progressBox = await wizard.progress(page).boundingBox();
  expect(progressBox!.height).toBeLessThan(20);

  await field(page, "name").fill(uniqueConnectionName("Compact steps"));
  await clickNextTo(page, "Grant type");
  await expect(wizard.step(page, "Grant type").getByText("Step 2 of 6")).toBeVisible();

  await page.setViewportSize(VIEWPORTS.desktop);
  await expect(page.getByRole("navigation", { name: "Wizard steps" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Wizard steps" }).locator('[aria-current="step"]')).toHaveText(
    /Grant type/,
  );
  await expect(wizard.progress(page)).toBeHidden();
});

test("[UX][WIZARD] keyboard focus stays on Import from discovery while it runs and after", async ({ page }) => {
  await signInAsAdmin(page);
  await openWizardAtEndpoints(page, { name: uniqueConnectionName("Import focus"), grant: "Client Credentials" });
  await field(page, "issuer").fill(OIDC_ENDPOINTS.issuer);
  await wizard.importDiscovery(page).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("discovery-status")).toContainText("Imported from");
  await expect(wizard.importDiscovery(page)).toBeFocused();
});
