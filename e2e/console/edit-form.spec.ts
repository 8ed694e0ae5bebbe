import { expect } from "@playwright/test";
import { test } from "../helpers/admin-test";
import { detail, field } from "../helpers/connections";
import {
  createNamedConnectionThroughWizard,
  holdPageScripts,
  OIDC_ENDPOINTS,
  WIZARD_CLIENTS,
} from "../helpers/connection-wizard";

test.describe.configure({ timeout: 120_000 });

test("[UX][EDIT] Save stays in reach, an error summary lists the problems and the first invalid field gets focus", async ({
  page,
}) => {
  const { name } = await createNamedConnectionThroughWizard(page, "Edit focus", WIZARD_CLIENTS.clientCredentialsBasic);
  await detail.actionButton(page, "Edit").click();
  await expect(page.getByRole("form", { name: "Edit connection" })).toBeVisible();

  // Two invalid fields, the first at the very top; Save is pressed from the sticky bar at the bottom of the screen.
  await field(page, "name").fill("x");
  await field(page, "tokenUrl").fill("not a url");
  await page.evaluate(() => window.scrollTo(0, 0));
  const save = page.getByTestId("save-bar").getByRole("button", { name: "Save", exact: true });
  await expect(save).toBeInViewport();
  await save.click();

  await expect(page.getByTestId("error-summary")).toContainText("2 fields need fixing");
  await expect(page.getByTestId("error-summary")).toContainText("Connection name");
  await expect(page.getByTestId("error-summary")).toContainText("Token URL");
  await expect(field(page, "name")).toBeFocused();
  // Nothing typed is lost.
  await expect(field(page, "tokenUrl")).toHaveValue("not a url");

  await field(page, "name").fill(name);
  await field(page, "tokenUrl").fill(OIDC_ENDPOINTS.tokenUrl);
  await save.click();
  // The edit page's heading names the connection too: wait for the detail page's address.
  await page.waitForURL((url) => /^\/connections\/[^/]+$/.test(url.pathname));
  const editUrl = `${new URL(page.url()).pathname}/edit`;

  // Metadata imported on the edit page and saved: opened again, the page promises no review step it does not have.
  await detail.actionButton(page, "Edit").click();
  await page.getByRole("button", { name: "Import from discovery" }).click();
  await expect(page.getByTestId("discovery-status")).toContainText("Imported from");
  await save.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // Typing into the server's HTML before the form takes over would be overwritten at hydration:
  // the form takes no typing until then, and afterwards keeps exactly what is typed.
  const releaseScripts = await holdPageScripts(page);
  await page.goto(editUrl, { waitUntil: "commit" });
  const nameField = field(page, "name");
  await expect(nameField).toBeVisible();
  await expect(nameField).toBeDisabled();
  releaseScripts();
  await expect(nameField).toBeEnabled();
  await nameField.press("End");
  await nameField.pressSequentially(" typed");
  await expect(nameField).toHaveValue(`${name} typed`);
  await expect(page.getByTestId("discovery-status")).toHaveText(/imported earlier/);
  await expect(page.getByRole("form", { name: "Edit connection" })).not.toContainText(/review step/i);
});
