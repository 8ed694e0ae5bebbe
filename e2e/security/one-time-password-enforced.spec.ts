import { expect, test } from "@playwright/test";
import { runUserCli, signInAsAdmin, uniqueEmail } from "../helpers/auth";
import { signInOverHttp } from "../helpers/http-sign-in";
import { callServerAction, captureServerAction } from "../helpers/server-actions";
import { goToAudit } from "../helpers/audit";
import { E2E } from "../support/env";

test("[SEC][AUTH] a user with an admin-issued one-time password can only change it: no export, no action, no page", async ({
  page,
  playwright,
}) => {
  // The action id of "Verify integrity", captured from a normal admin session.
  await signInAsAdmin(page);
  await goToAudit(page);
  const verifyAction = await captureServerAction(page, () =>
    page.getByRole("button", { name: "Verify integrity" }).click(),
  );

  const email = uniqueEmail("one-time");
  const output = runUserCli(["add", email, "--role", "ADMIN"]);
  const oneTimePassword = /one-time password: (\S+)/.exec(output)?.[1];
  expect(oneTimePassword).toBeTruthy();

  const request = await playwright.request.newContext({ baseURL: E2E.appUrl });
  expect(await signInOverHttp(request, { email, password: oneTimePassword! })).toEqual({ ok: true });

  const exported = await request.get("/api/audit/export?format=csv", { headers: { "sec-fetch-site": "same-origin" } });
  expect(exported.status()).toBe(403);
  expect(await exported.text()).toContain("Change your one-time password first");

  const actionReply = await callServerAction(request, verifyAction);
  expect(actionReply).toContain("Change your one-time password first");
  expect(actionReply).not.toMatch(/events verify/);

  const audit = await request.get("/audit", { maxRedirects: 0 });
  expect(audit.status()).toBeGreaterThanOrEqual(300);
  expect(audit.status()).toBeLessThan(400);
  expect(audit.headers()["location"]).toContain("/change-password");
  await request.dispose();
});
