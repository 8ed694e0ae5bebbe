import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "../helpers/auth";
import { seedClientCredentialsConnection, seedConnection, seedInventoryConnections } from "../helpers/seed-connection";
import { openInventoryFiltered } from "../helpers/audit";
import { E2E } from "../support/env";
import { expectTestResult } from "../helpers/test-connection";
import { detail } from "../helpers/connections";
import { checkThemesAndAttachScreenshots, expectNoHorizontalOverflow, VIEWPORTS } from "../helpers/layout";
import { TEST_CLIENTS } from "../support/oidc-clients";

// Twelve pages, each in two themes with an accessibility check and a full-page screenshot: in CI,
// beside another worker, that took more than three minutes with every step progressing. The two
// viewports seed their own connections, so they run in both workers rather than one after the other.
test.describe.configure({ mode: "parallel", timeout: 420_000 });

// A 600-character scope: long values must wrap or truncate, never widen the page.
const LONG_SCOPE = `api:${"very-long-scope-segment-".repeat(24)}`.slice(0, 600);
// And one with no break point at all (no hyphen, no space), as some providers' URIs are.
const UNBROKEN_SCOPE = `urn:${"x".repeat(400)}`;

for (const [device, viewport] of Object.entries(VIEWPORTS)) {
  test.describe(`[UX][LAYOUT] ${device} ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test(`no page scrolls sideways at ${viewport.width} px or breaks an accessibility rule; screenshots in both themes`, async ({
      page,
    }, testInfo) => {
      await page.goto("/login");
      await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
      await expectNoHorizontalOverflow(page, "sign in");
      await checkThemesAndAttachScreenshots(page, testInfo, "sign in");
      await signInAsAdmin(page);
      const tested = await seedClientCredentialsConnection({ scopes: ["api:read"] });
      const long = await seedConnection({
        grantType: "authorization_code_pkce",
        clientId: `${TEST_CLIENTS.web.clientId}-${"x".repeat(120)}`,
        clientSecret: TEST_CLIENTS.web.clientSecret,
        scopes: ["openid", LONG_SCOPE, UNBROKEN_SCOPE],
      });
      // Tested, so its page and test history show the long scopes as requested and refused.
      const longTested = await seedClientCredentialsConnection({ scopes: ["api:read", UNBROKEN_SCOPE] });

      const oldSecret = `layout-${viewport.width}-${Date.now().toString(36)} old secret`;
      seedInventoryConnections(E2E.admin.email, [
        { name: oldSecret, health: "HEALTHY", lastTestedDaysAgo: 1, secretDaysOld: 400 },
      ]);
      await page.goto(`/connections/${tested.id}`);
      await detail.testButton(page).click();
      await expectTestResult(page, "Success");
      await expectNoHorizontalOverflow(page, "test result");
      await checkThemesAndAttachScreenshots(page, testInfo, "test result");
      await page.goto(`/connections/${longTested.id}`);
      await detail.testButton(page).click();
      await expect(page.getByRole("heading", { name: "Test result", level: 1 })).toBeVisible();
      await expectNoHorizontalOverflow(page, "test result with a long scope");

      const pages: [string, string][] = [
        ["connection list", "/connections"],
        ["wizard", "/connections/new"],
        ["detail", `/connections/${tested.id}`],
        ["detail with long values", `/connections/${long.id}`],
        ["edit with long values", `/connections/${long.id}/edit`],
        ["test history", `/connections/${tested.id}/tests`],
        ["detail tested with a long scope", `/connections/${longTested.id}`],
        ["test history with a long scope", `/connections/${longTested.id}/tests`],
        ["inventory", "/inventory"],
        ["users", "/users"],
        ["API keys", "/api-keys"],
        ["notifications", "/notifications"],
        ["audit", "/audit"],
      ];
      for (const [label, path] of pages) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expectNoHorizontalOverflow(page, label);
        await checkThemesAndAttachScreenshots(page, testInfo, label);
      }

      // A table may scroll on its own, but each test's result link must show without scrolling it.
      // The page scrolls down to the row (the row starts at the table's left edge, so nothing scrolls sideways).
      await page.goto(`/connections/${longTested.id}/tests`);
      await page.getByTestId("test-history-row").first().scrollIntoViewIfNeeded();
      await expect(page.getByRole("link", { name: "View result" }).first()).toBeInViewport({ ratio: 1 });

      // Warnings are colours too: the inventory with a secret past its age warning.
      await openInventoryFiltered(page, oldSecret, [oldSecret]);
      await expectNoHorizontalOverflow(page, "inventory with an old secret");
      await checkThemesAndAttachScreenshots(page, testInfo, "inventory with an old secret");
    });
  });
}
