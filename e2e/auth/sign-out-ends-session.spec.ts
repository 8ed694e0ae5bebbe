import { expect, test } from "@playwright/test";
import { E2E } from "../support/env";
import { copySessionCookie, createUser, signIn, signOut } from "../helpers/auth";
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
