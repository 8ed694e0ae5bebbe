import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E } from "../support/env";
import { createUser, runUserCli, signIn, signInAlert, signInAsAdmin, signOut, uniqueEmail } from "../helpers/auth";
import { callServerAction, captureServerAction } from "../helpers/server-actions";

test("[ACCESS] an auditor has no Users page, in the navigation or by URL", async ({ page }) => {
  const nav = page.getByRole("navigation", { name: "Main" });
  // An admin has the link: its absence below is about the role, not a renamed link.
  await signInAsAdmin(page);
  await expect(nav.getByRole("link", { name: "Users" })).toBeVisible();
  await signOut(page);
  await signIn(page, createUser("AUDITOR"));
  await expect(nav.getByRole("link", { name: "Connections" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
});

test("[ACCESS] admin server actions called directly are refused for an auditor and when signed out", async ({
  page,
  browser,
}) => {
  await signInAsAdmin(page);
  await page.goto("/users");
  await page.getByRole("button", { name: "Add user" }).click();
  await page.getByLabel("Email").fill(uniqueEmail("captured"));
  const action = await captureServerAction(page, () => page.getByRole("button", { name: "Create user" }).click());
  await expect(page.getByTestId("one-time-password")).toBeVisible();
  const addAdminThrough = (request: APIRequestContext, email: string) =>
    callServerAction(request, action, JSON.stringify([{ email, name: "", role: "ADMIN" }]));

  const auditorContext = await browser.newContext();
  const auditorPage = await auditorContext.newPage();
  await signIn(auditorPage, createUser("AUDITOR"));
  const asAuditor = uniqueEmail("by-auditor");
  const auditorReply = await addAdminThrough(auditorContext.request, asAuditor);
  expect(auditorReply).toContain("Your role does not allow this action.");

  // A cookie that is not a valid session gets past the proxy's convenience redirect, so this
  // reaches the action itself: the server must refuse on its own.
  const anonymousContext = await browser.newContext();
  await anonymousContext.addCookies([{ name: "next-auth.session-token", value: "forged", url: E2E.appUrl }]);
  const asAnonymous = uniqueEmail("by-anonymous");
  const anonymousReply = await addAdminThrough(anonymousContext.request, asAnonymous);
  expect(anonymousReply).toContain("Your session has ended. Sign in again.");

  const users = runUserCli(["list"]);
  expect(users).not.toContain(asAuditor);
  expect(users).not.toContain(asAnonymous);
  await auditorContext.close();
  await anonymousContext.close();
});

test("[ACCESS] a disabled user's open session stops working at the next request", async ({ page }) => {
  const admin = createUser("ADMIN");
  await signIn(page, admin);
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();

  runUserCli(["disable", admin.email]);
  await page.goto("/users");
  await expect(page).toHaveURL(/\/login\?error=SessionRequired$/);
  await expect(signInAlert(page)).toHaveText("Your session has ended. Sign in again.");
});

test("[ACCESS] a demoted admin loses admin pages at the next request", async ({ page }) => {
  const admin = createUser("ADMIN");
  await signIn(page, admin);
  runUserCli(["set-role", admin.email, "AUDITOR"]);
  await page.goto("/users");
  await expect(page).toHaveURL(/\/login\?error=SessionRequired$/);
  await signIn(page, admin);
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
});
