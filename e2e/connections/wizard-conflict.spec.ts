import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "../helpers/auth";
import { field, uniqueConnectionName } from "../helpers/connections";
import { clickNextTo, expectStep, goToNewConnection, wizard } from "../helpers/connection-wizard";

test("[CONNECTIONS][CONFLICT] a draft saved in another tab: the wizard shows what changed, keeps my choice and continues from their save", async ({
  browser,
}) => {
  // Two tabs through several draft saves: a budget for a 2-core machine, not a retry.
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const first = await context.newPage();
  await signInAsAdmin(first);
  await goToNewConnection(first);
  await field(first, "name").fill(uniqueConnectionName("Two tabs"));
  await clickNextTo(first, "Grant type");

  // The same draft, at the same step, in a second tab.
  const second = await context.newPage();
  await second.goto(first.url());
  await expectStep(second, "Grant type");

  await wizard.grantType(first, "Client Credentials").click();
  await clickNextTo(first, "Endpoints");

  await wizard.grantType(second, "Authorization Code").click();
  await wizard.next(second).click();
  const notice = second.getByTestId("conflict-notice");
  await expect(notice).toContainText("changed this connection at");
  await expect(notice).toContainText("They changed: Grant type.");
  await expect(wizard.grantType(second, "Authorization Code")).toBeChecked();

  await notice.getByRole("button", { name: "Keep my edits" }).click();
  await expect(notice).toHaveCount(0);
  await expect(wizard.grantType(second, "Authorization Code")).toBeChecked();
  // The next save names the other tab's version, so it lands instead of conflicting again.
  await clickNextTo(second, "Endpoints");
  await expect(field(second, "authorizationUrl")).toBeVisible();

  // Loading theirs instead: the first tab, still on the older version, takes the second tab's grant.
  await field(first, "tokenUrl").fill("https://id.example.com/token");
  await wizard.next(first).click();
  await expect(first.getByTestId("conflict-notice")).toContainText("They changed: Grant type.");
  await first.getByTestId("conflict-notice").getByRole("button", { name: "Discard my edits and load theirs" }).click();
  await expect(first.getByTestId("conflict-notice")).toHaveCount(0);
  await expect(field(first, "authorizationUrl")).toBeVisible();
  await context.close();
});
