import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { E2E } from "../support/env";
import { fillSignIn, signOut } from "../helpers/auth";

/** The code as a person finds it: boxed, after the server's "Ready" line, not among the build output. */
function setupCodeFromLog(): string {
  const log = fs.readFileSync(E2E.freshAppLog, "utf8");
  const afterReady = log.slice(log.search(/Ready in/));
  const match = /│ setup code: ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}) +│/.exec(afterReady);
  if (!/Ready in/.test(log) || !match) throw new Error("no boxed setup code after the server's Ready line");
  return match[1]!;
}

test("[SETUP] a fresh install asks for the setup code from the log, then the admin signs in and out", async ({
  page,
}) => {
  const admin = { email: "first-admin@handshake.test", password: "first-admin-password-1" };

  await page.goto(`${E2E.freshAppUrl}/connections`);
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Set up Handshake" })).toBeVisible();

  // A missing code and a wrong code are explained next to the field; nothing typed is lost.
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password", { exact: true }).fill(admin.password);
  await page.getByLabel("Confirm password").fill(admin.password);
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByText("Enter the setup code from the server log.")).toBeVisible();

  await page.getByLabel("Setup code").fill("AAAA-BBBB-CCCC");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByText(/That setup code is not right/)).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(admin.email);

  await page.getByLabel("Setup code").fill(setupCodeFromLog());
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(admin.email);
  await expect(page.getByTestId("current-role")).toHaveText("Admin");

  await signOut(page);
  // The code is single-use: setup is closed once a user exists.
  await page.goto(`${E2E.freshAppUrl}/setup`);
  await expect(page).toHaveURL(/\/login$/);
  await fillSignIn(page, admin);
  await expect(page.getByTestId("current-user")).toHaveText(admin.email);
});
