import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "../helpers/auth";
import { connectionHealth, seedClientCredentialsConnection } from "../helpers/seed-connection";
import { E2E } from "../support/env";

test("[SEC][CSRF] a link from another site to a connection does not start a test", async ({ page }) => {
  await signInAsAdmin(page);
  const connection = await seedClientCredentialsConnection();
  const actionCalls: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.headers()["next-action"]) actionCalls.push(r.url());
  });

  // Arrive from a page on another origin (the test authorization server), as a link click would.
  await page.goto(`${E2E.oidcIssuer}/.well-known/openid-configuration`);
  await page.goto(`/connections/${connection.id}?test=start`, { referer: E2E.oidcIssuer });
  await expect(page.getByRole("button", { name: "Test connection" })).toBeEnabled();
  await page.waitForLoadState("networkidle");

  expect(actionCalls).toEqual([]);
  expect(await connectionHealth(connection.id)).toBe("NOT_TESTED");
});
