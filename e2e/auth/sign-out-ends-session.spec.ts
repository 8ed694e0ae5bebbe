import { expect, test } from "@playwright/test";
import { E2E } from "../support/env";
import { copySessionCookie, createUser, sessionLimits, signIn, signOut } from "../helpers/auth";
import { withOwnConsole } from "../helpers/own-console";
import { ageOpenSessions } from "../support/age-sessions";
import { goToAudit } from "../helpers/audit";
import { callServerAction, captureServerAction } from "../helpers/server-actions";

test("[AUTH] a session cookie copied before sign-out opens nothing afterwards: page, route or action", async ({
  page,
  playwright,
}) => {
  await signIn(page, createUser("AUDITOR"));
  await goToAudit(page);
  const verifyAction = await captureServerAction(page, () =>
    page.getByRole("button", { name: "Verify integrity" }).click(),
  );
  const cookie = await copySessionCookie(page.context());
  const replay = await playwright.request.newContext({
    baseURL: E2E.appUrl,
    storageState: { cookies: [cookie], origins: [] },
  });

  // The copy works while the session does: what follows is about sign-out, not a broken copy.
  expect((await replay.get("/audit", { maxRedirects: 0 })).status()).toBe(200);

  await signOut(page);

  const auditPage = await replay.get("/audit", { maxRedirects: 0 });
  expect(auditPage.status()).toBeGreaterThanOrEqual(300);
  expect(auditPage.status()).toBeLessThan(400);
  expect(auditPage.headers()["location"]).toBe("/login?error=SessionRequired");
  const exported = await replay.get("/api/audit/export?format=csv", { headers: { "sec-fetch-site": "same-origin" } });
  expect(exported.status()).toBe(401);
  expect(await callServerAction(replay, verifyAction)).toContain("Your session has ended. Sign in again.");
  await replay.dispose();
});

test("[AUTH] an admin sets the idle timeout and the session lifetime: a value out of bounds is refused next to its field, saved ones stay, and a session idle for longer ends", async ({
  browser,
}) => {
  // A console of its own: the limits apply to every session of the console they are set on.
  test.setTimeout(120_000);
  await withOwnConsole(browser, {}, async (page, server) => {
    await signIn(page, E2E.admin, server.url);
    await page.goto("/users");
    await expect(sessionLimits.idle(page)).toHaveValue("30");
    await expect(sessionLimits.lifetime(page)).toHaveValue("8");

    await sessionLimits.idle(page).fill("2");
    await sessionLimits.lifetime(page).fill("12");
    await sessionLimits.save(page).click();
    await expect(page.getByText("At least 5 minutes.")).toBeVisible();
    await expect(sessionLimits.lifetime(page)).toHaveValue("12");

    await sessionLimits.idle(page).fill("15");
    await sessionLimits.save(page).click();
    await expect(page.getByText(/^Session limits saved\./)).toBeVisible();
    await page.reload();
    await expect(sessionLimits.idle(page)).toHaveValue("15");
    await expect(sessionLimits.lifetime(page)).toHaveValue("12");
    // The admin's own session goes on under the new limits.
    await expect(page.getByTestId("current-user")).toHaveText(E2E.admin.email);

    // Away for 16 minutes: the next request finds the session idle for longer than 15 and ends it.
    expect(ageOpenSessions(server.dataDir, 16)).toBeGreaterThan(0);
    await page.goto("/connections");
    await expect(page).toHaveURL(/\/login\?error=SessionRequired/);
    await expect(page.getByText("Your session has ended. Sign in again.")).toBeVisible();
  });
});
