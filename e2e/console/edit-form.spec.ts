import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "../helpers/auth";
import { createConnectionThroughWizard, detail, OIDC_ENDPOINTS, uniqueConnectionName, WIZARD_CLIENTS } from "../helpers/connections";

test.describe.configure({ timeout: 120_000 });

test("[UX][EDIT] Save stays in reach, an error summary lists the problems and the first invalid field gets focus", async ({ page }) => {
  await signInAsAdmin(page);
  const name = uniqueConnectionName("Edit focus");
  await createConnectionThroughWizard(page, {
    name,
    ...WIZARD_CLIENTS.clientCredentialsBasic,
  });
  await detail.actionButton(page, "Edit").click();
  await expect(page.getByRole("form", { name: "Edit connection" })).toBeVisible();

  // Two invalid fields, the first at the very top; Save is pressed from the sticky bar at the bottom of the screen.
  await page.getByLabel("Connection name").fill("x");
  await page.getByLabel("Token URL").fill("not a url");
  await page.evaluate(() => window.scrollTo(0, 0));
  const save = page.getByTestId("save-bar").getByRole("button", { name: "Save", exact: true });
  await expect(save).toBeInViewport();
  await save.click();

  await expect(page.getByTestId("error-summary")).toContainText("2 fields need fixing");
  await expect(page.getByTestId("error-summary")).toContainText("Connection name");
  await expect(page.getByTestId("error-summary")).toContainText("Token URL");
  await expect(page.getByLabel("Connection name")).toBeFocused();
  // Nothing typed is lost.
  await expect(page.getByLabel("Token URL")).toHaveValue("not a url");

  await page.getByLabel("Connection name").fill(name);
  await page.getByLabel("Token URL").fill(OIDC_ENDPOINTS.tokenUrl);
  await save.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
});
