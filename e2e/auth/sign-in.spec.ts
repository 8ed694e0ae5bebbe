import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E } from "../support/env";
import {
  createUser,
  fillSignIn,
  submitRefusedSignIn,
  signIn,
  signInAlert,
  signInAsAdmin,
  signOut,
  uniqueEmail,
} from "../helpers/auth";
import { auditEventsOf } from "../helpers/audit-export";
import { withOwnConsole } from "../helpers/own-console";
import {
  addVirtualAuthenticator,
  passkeys,
  currentTotpCode,
  enrolAuthenticatorApp,
  enterCode,
  enterRefusedCode,
  nextTotpCode,
  signInUpToCode,
} from "../helpers/second-factor";

test("[AUTH] the admin signs in and out", async ({ page }) => {
  await page.goto("/connections");
  await expect(page).toHaveURL(/\/login$/);
  await signInAsAdmin(page);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toBeVisible();
  await signOut(page);
  await page.goto("/connections");
  await expect(page).toHaveURL(/\/login$/);
});

test("[AUTH] a wrong password and an unknown user get the same message, and the email is kept", async ({ page }) => {
  await page.goto("/login");
  await submitRefusedSignIn(page, { email: E2E.admin.email, password: "not-the-password" });
  await expect(signInAlert(page)).toHaveText("Email or password is incorrect.");
  await expect(page.getByLabel("Email")).toHaveValue(E2E.admin.email);

  await submitRefusedSignIn(page, { email: uniqueEmail("nobody"), password: "whatever-password" });
  await expect(signInAlert(page)).toHaveText("Email or password is incorrect.");
});

test("[AUTH] repeated failures delay the account for seconds instead of locking it", async ({ page }) => {
  const user = createUser("AUDITOR");
  await page.goto("/login");
  for (let i = 0; i < 5; i += 1) {
    await submitRefusedSignIn(page, { email: user.email, password: `wrong-${i}` });
    await expect(signInAlert(page)).toHaveText("Email or password is incorrect.");
  }
  // The fifth failure starts a delay of a few seconds, doubling with each further failure.
  await submitRefusedSignIn(page, { email: user.email, password: "wrong-again" });
  await expect(signInAlert(page)).toHaveText(
    /^(Too many failed sign-ins\. Try again in \d+ seconds?\.|Email or password is incorrect\.)$/,
  );
  if ((await signInAlert(page).textContent()) === "Email or password is incorrect.") {
    // Only on a machine slow enough that the first delay had passed: the next one is twice as long.
    await submitRefusedSignIn(page, { email: user.email, password: "wrong-once-more" });
  }
  // A wait of seconds, not a lock of minutes (e2e/security/sign-in-throttle.spec.ts signs the owner in after it).
  await expect(signInAlert(page)).toHaveText(/^Too many failed sign-ins\. Try again in \d+ seconds?\.$/);
  await expect(page).toHaveURL(/\/login/);
});

test("[AUTH] a user created with a one-time password must choose their own at first sign-in", async ({
  page,
  browser,
}) => {
  // Two users, two sign-ins and a password change in one story.
  test.setTimeout(120_000);
  const email = uniqueEmail("invited");
  await signInAsAdmin(page);
  await page.goto("/users");
  await page.getByRole("button", { name: "Add user" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("AUDITOR");
  await page.getByRole("button", { name: "Create user" }).click();
  const oneTimePassword = (await page.getByTestId("one-time-password").textContent())!.trim();

  const invited = await browser.newPage();
  await invited.goto(`${E2E.appUrl}/login`);
  await fillSignIn(invited, { email, password: oneTimePassword });
  await expect(invited).toHaveURL(/\/change-password$/);
  await invited.getByLabel("Current password").fill(oneTimePassword);
  await invited.getByLabel("New password", { exact: true }).fill("my-own-long-password-1");
  await invited.getByLabel("Confirm new password").fill("my-own-long-password-2");
  await invited.getByRole("button", { name: "Change password" }).click();
  await expect(invited.getByText("The passwords do not match.")).toBeVisible();
  await invited.getByLabel("Confirm new password").fill("my-own-long-password-1");
  await invited.getByRole("button", { name: "Change password" }).click();
  await expect(invited.getByTestId("current-user")).toHaveText(email);
  await expect(invited.getByTestId("current-role")).toHaveText("Auditor");
  await invited.close();

  await page.keyboard.press("Escape");
  await signOut(page);
  await signIn(page, { email, password: "my-own-long-password-1" });
});

test("[AUTH] health answers and pages carry the security headers", async ({ page, request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });

  await signInAsAdmin(page);
  const response = await page.goto("/connections");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["cache-control"]).toContain("no-store");
});

test("[AUTH][2FA] an authenticator app: enrolled with a code, then asked after the password; a wrong code refused, a recovery code works once, and neither secret shows again", async ({
  page,
}) => {
  // Enrolment, four sign-ins and a scan of the pages, the audit trail, the log and the database.
  test.setTimeout(150_000);
  const user = createUser("ADMIN");
  await signIn(page, user);
  const { secret, recoveryCodes } = await enrolAuthenticatorApp(page);
  const later: string[] = [];
  page.on("response", async (response) => {
    try {
      later.push(`${response.url()}\n${await response.text()}`);
    } catch {
      // Redirects and aborted navigations have no body to read.
    }
  });
  await signOut(page);

  // The password alone no longer signs in: the code is asked for, and a wrong one is refused.
  await signInUpToCode(page, user);
  await expect(page.getByTestId("current-user")).toHaveCount(0);
  await enterRefusedCode(page, currentTotpCode(secret) === "123456" ? "654321" : "123456");
  await expect(signInAlert(page)).toHaveText(/^That code is not right\./);
  await enterCode(page, nextTotpCode(secret));
  await expect(page.getByTestId("current-user")).toHaveText(user.email);
  await signOut(page);

  // A recovery code signs in once, typed in capitals or not, and never again.
  await signInUpToCode(page, user);
  await enterCode(page, recoveryCodes[0]!.toUpperCase());
  await expect(page.getByTestId("current-user")).toHaveText(user.email);
  await page.getByRole("link", { name: "Account" }).click();
  await expect(page.getByText("Recovery codes left: 9.")).toBeVisible();
  await signOut(page);
  await signInUpToCode(page, user);
  await enterRefusedCode(page, recoveryCodes[0]!);
  await expect(signInAlert(page)).toHaveText(/^That code is not right\./);
  await enterCode(page, recoveryCodes[1]!);
  await expect(page.getByTestId("current-user")).toHaveText(user.email);

  for (const p of ["/account", "/connections", "/users", "/audit"]) {
    for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
      const response = await page.request.get(p, { headers });
      later.push(`${p}\n${await response.text()}`);
    }
  }
  const events = await auditEventsOf(page, user.email);
  const actions = events.map((e) => e.action);
  for (const action of ["auth.second_factor_enrolled", "auth.second_factor_failed", "auth.recovery_code_used"])
    expect(actions).toContain(action);
  const logAndDatabase = Buffer.concat(
    [
      path.join(E2E.stateDir, "app.log"),
      ...fs
        .readdirSync(E2E.appDataDir)
        .filter((f) => f.startsWith("handshake.db"))
        .map((f) => path.join(E2E.appDataDir, f)),
    ].map((f) => fs.readFileSync(f)),
  ).toString("latin1");

  // The scan can fail: the pages and the trail are this user's.
  const scanned = [...later, JSON.stringify(events), logAndDatabase].join("\n");
  expect(scanned).toContain(user.email);
  expect(scanned).toContain("Authenticator app");
  for (const value of [secret, ...recoveryCodes, ...recoveryCodes.map((c) => c.replace("-", ""))])
    expect(scanned.includes(value), `a second-factor secret (${value.slice(0, 2)}…) was found`).toBe(false);
});

test("[AUTH][2FA] a passkey: added on the account page with Chromium's virtual authenticator, then asked for after the password", async ({
  browser,
}) => {
  // A console of its own whose public URL has a host name: a WebAuthn RP ID cannot be an IP address.
  test.setTimeout(150_000);
  await withOwnConsole(browser, { host: "localhost" }, async (page, server) => {
    const authenticator = await addVirtualAuthenticator(page);
    await signIn(page, E2E.admin, server.url);
    await page.getByRole("link", { name: "Account" }).click();
    await passkeys.addButton(page).click();
    await expect(passkeys.list(page)).toHaveCount(1);
    expect(await authenticator.credentialCount()).toBe(1);
    await signOut(page);

    // The password alone no longer signs in: the passkey is asked for, and answers.
    await page.goto("/login");
    await fillSignIn(page, E2E.admin);
    await expect(passkeys.useButton(page)).toBeVisible();
    await expect(page.getByTestId("current-user")).toHaveCount(0);
    await passkeys.useButton(page).click();
    await expect(page.getByTestId("current-user")).toHaveText(E2E.admin.email);

    // Another browser with its own authenticator holds no passkey of this account: refused.
    const other = await browser.newContext({ baseURL: server.url });
    const stranger = await other.newPage();
    await addVirtualAuthenticator(stranger);
    await stranger.goto("/login");
    await fillSignIn(stranger, E2E.admin);
    await passkeys.useButton(stranger).click();
    await expect(signInAlert(stranger)).toHaveText(/^No passkey answered\./);
    await expect(stranger.getByTestId("current-user")).toHaveCount(0);
    await other.close();
  });
});
