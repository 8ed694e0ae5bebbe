import { execFileSync } from "node:child_process";
import { expect, type BrowserContext, type Cookie, type Page } from "@playwright/test";
import { E2E } from "../support/env";

export type Credentials = { email: string; password: string };

let counter = 0;

/** A unique email for this worker and run. */
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}@handshake.test`;
}

/** Creates a user in the main e2e console's database through the `npm run user` CLI. */
export function createUser(role: "ADMIN" | "AUDITOR", email = uniqueEmail(role.toLowerCase())): Credentials {
  const password = `pw-${role.toLowerCase()}-${Math.random().toString(36).slice(2)}-e2e`;
  runUserCli(["add", email, "--role", role, "--password", password]);
  return { email, password };
}

export function runUserCli(args: string[]): string {
  return execFileSync(process.execPath, ["--import", "tsx", "lib/cli/user.ts", ...args], {
    env: { ...process.env, DATA_DIR: E2E.appDataDir, DATABASE_URL: "" },
    encoding: "utf8",
  });
}

/** The error shown above the sign-in form (Next's route announcer is also an alert, outside main). */
export function signInAlert(page: Page) {
  return page.getByRole("main").getByRole("alert");
}

export async function fillSignIn(page: Page, { email, password }: Credentials): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Submits credentials that must be refused; returns once the refusal has come back (the form clears the password). */
export async function submitRefusedSignIn(page: Page, credentials: Credentials): Promise<void> {
  await fillSignIn(page, credentials);
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
}

/** Signs in through the real sign-in form and waits for the console. */
export async function signIn(page: Page, credentials: Credentials, baseUrl: string = E2E.appUrl): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await fillSignIn(page, credentials);
  await expect(page.getByTestId("current-user")).toHaveText(credentials.email);
}

export async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, E2E.admin);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
}

const SESSION_COOKIE = "next-auth.session-token";

/** The session cookie a signed-in browser context holds, as an attacker who copied it would have it. */
export async function copySessionCookie(context: BrowserContext): Promise<Cookie> {
  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error("the browser holds no session cookie");
  return cookie;
}

/** The admin's session limits form on the Users page. */
export const sessionLimits = {
  idle: (page: Page) => page.getByLabel("Idle timeout (minutes)"),
  lifetime: (page: Page) => page.getByLabel("Session lifetime (hours)"),
  save: (page: Page) => page.getByRole("button", { name: "Save session limits" }),
};
