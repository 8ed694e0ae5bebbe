/**
 * Values the page tells an admin to keep or paste elsewhere have a copy button that copies exactly
 * the value shown: the callback URL, the client ID, the endpoints, the audit head hash.
 */
import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "../helpers/auth";
import { allowClipboard, copyWith } from "../helpers/clipboard";
import { goToAudit, verifyIntegrity } from "../helpers/audit";
import { seedWebConnection } from "../helpers/seed-connection";
import { E2E } from "../support/env";
import { TEST_CLIENTS } from "../support/oidc-clients";

test.beforeEach(async ({ page, context }) => {
  await allowClipboard(context);
  await signInAsAdmin(page);
});

test("[COPY] the detail page copies the callback URL, client ID and endpoints", async ({ page }) => {
  const tokenUrl = `${E2E.oidcIssuer}/token`;
  const connection = await seedWebConnection({ tokenUrl });
  await page.goto(`/connections/${connection.id}`);
  const summary = page.getByTestId("connection-summary");
  expect(await copyWith(page, "Copy client ID", summary)).toBe(TEST_CLIENTS.web.clientId);
  expect(await copyWith(page, "Copy callback URL", summary)).toBe(`${E2E.appUrl}/api/oauth/callback`);
  expect(await copyWith(page, "Copy issuer URL", summary)).toBe(E2E.oidcIssuer);
  expect(await copyWith(page, "Copy token URL", summary)).toBe(tokenUrl);
  // An endpoint that is not set has nothing to copy.
  await expect(summary.getByRole("button", { name: "Copy revocation URL" })).toHaveCount(0);
});

test("[COPY] the audit page copies the head hash it asks to keep elsewhere", async ({ page }) => {
  await goToAudit(page);
  const result = await verifyIntegrity(page);
  const shown = (await result.getByTestId("audit-head-hash").textContent())!.trim();
  expect(shown).toMatch(/^[0-9a-f]{64}$/);
  expect(await copyWith(page, "Copy head hash", result)).toBe(shown);
});
