import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "../helpers/auth";
import { seedConnection, storedVerifiers } from "../helpers/seed-connection";
import { openConnectionTests, openProviderPopup } from "../helpers/test-connection";
import { TEST_CLIENTS } from "../support/oidc-clients";

test.describe.configure({ timeout: 120_000 });

test("[SEC][PKCE] with the plain method the trace never shows the challenge, which is the verifier", async ({ page }) => {
  await signInAsAdmin(page);
  const connection = await seedConnection({
    grantType: "authorization_code_pkce",
    pkceMethod: "plain",
    clientId: TEST_CLIENTS.publicPkce.clientId,
    scopes: ["openid"],
  });
  await openConnectionTests(page, connection.id);
  const popup = await openProviderPopup(page);
  // The provider refuses plain (it supports S256 only) and the popup reports back; either way the
  // authorization request step with its parameters is in the result.
  await popup.waitForEvent("close", { timeout: 60_000 });
  await expect(page.getByRole("heading", { name: "Test result", level: 1 })).toBeVisible();

  const authorizationStep = page.getByTestId("trace-step").filter({ hasText: "Authorization request" }).first();
  await expect(authorizationStep).toContainText("plain");
  await expect(authorizationStep).toContainText("code_challenge");
  const [verifier] = await storedVerifiers(connection.id);
  expect(verifier).toBeTruthy();
  expect(await page.content()).not.toContain(verifier!);
});
