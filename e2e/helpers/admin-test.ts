/** Playwright's `test` for stories an admin tells: every test's page starts signed in as the e2e admin. */
import { test as base } from "@playwright/test";
import { signInAsAdmin } from "./auth";

export const test = base.extend({
  // Playwright calls the second argument `use`; named otherwise so React's hook lint leaves it alone.
  page: async ({ page }, provide) => {
    await signInAsAdmin(page);
    await provide(page);
  },
});
