import { execFileSync } from "node:child_process";
import { expect, type Page } from "@playwright/test";
import type { Credentials } from "./auth";

export type SsoSettingsValues = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  buttonLabel: string;
  adminValues: string;
  auditorValues: string;
};

/** Fills and saves the Sign-in settings form (scopes add groups; role claim stays `groups`). */
export async function saveSsoSettings(page: Page, values: SsoSettingsValues): Promise<void> {
  await page.getByRole("link", { name: "Sign-in settings" }).click();
  await page.getByLabel("Issuer URL").fill(values.issuer);
  await page.getByLabel("Client ID").fill(values.clientId);
  await page.getByLabel("Client secret").fill(values.clientSecret);
  await page.getByLabel("Scopes").fill("openid email profile groups");
  await page.getByLabel("Button label").fill(values.buttonLabel);
  await page.getByLabel("Claim values for Admin").fill(values.adminValues);
  await page.getByLabel("Claim values for Auditor").fill(values.auditorValues);
  await page.getByRole("button", { name: "Save sign-in settings" }).click();
  await expect(page.getByText(/^Sign-in settings saved\./)).toBeVisible();
}

export async function testSsoSettings(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Test sign-in settings" }).click();
  await expect(page.getByText("Test passed: single sign-on can be switched on.")).toBeVisible();
}

/** Saves the switch form: SSO on, and local sign-in off but for the break-glass accounts when given. */
export async function switchSsoOn(page: Page, breakGlass?: string): Promise<void> {
  await page.getByLabel("Single sign-on on").check();
  if (breakGlass) {
    await page.getByLabel("Local sign-in off (except break-glass accounts)").check();
    await page.getByRole("textbox", { name: "Break-glass accounts" }).fill(breakGlass);
  }
  await page.getByRole("button", { name: "Save switch" }).click();
  await expect(page.getByText("Single sign-on is on.")).toBeVisible();
}

/** From the console's sign-in page through the company IdP's login and consent pages, back to the console. */
export async function signInWithSso(page: Page, consoleUrl: string, label: string, login: string): Promise<void> {
  await page.goto(`${consoleUrl}/login`);
  await page.getByRole("button", { name: `Sign in with ${label}` }).click();
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

/** The password form while the SSO button is on the page too (its name also starts with "Sign in"). */
export async function signInLocally(page: Page, consoleUrl: string, { email, password }: Credentials): Promise<void> {
  await page.goto(`${consoleUrl}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export function usersLink(page: Page) {
  return page.getByRole("link", { name: "Users" });
}

/** A local account on a spawned console's own database, through `npm run user`. */
export function addLocalUser(dataDir: string, credentials: Credentials): void {
  execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "lib/cli/user.ts",
      "add",
      credentials.email,
      "--role",
      "AUDITOR",
      "--password",
      credentials.password,
    ],
    { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" }, encoding: "utf8" },
  );
}

/** Sign out in the console, confirm at the IdP's logout page, and land on the console's sign-in page. */
export async function signOutAtIdp(page: Page, consoleUrl: string): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(`${consoleUrl}/login`);
}
