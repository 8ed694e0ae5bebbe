import { defineConfig, devices } from "@playwright/test";
import { E2E } from "./e2e/support/env";

// Debian's Chromium by default (no browser download here); PLAYWRIGHT_CHROMIUM_PATH overrides it,
// and an empty value uses Playwright's own browser on machines that have it.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 2,
  forbidOnly: !!process.env.CI,
  // No retries: a spec that fails only sometimes is a bug to find, not to retry.
  retries: 0,
  // Each spec is a whole user story on two cores shared with the console, the provider and
  // PostgreSQL; several take 40-60 s there with every step progressing. Long stories set more.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  // The HTML report keeps what specs attach (the layout spec's screenshots in both themes).
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: E2E.appUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: executablePath || undefined,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: "npx tsx e2e/support/oidc-server.ts",
      url: `${E2E.oidcIssuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
    },
    {
      command: "npx tsx e2e/support/serve-app.ts main",
      url: `${E2E.appUrl}/api/health`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "ignore",
    },
    {
      command: "npx tsx e2e/support/serve-app.ts fresh",
      url: `${E2E.freshAppUrl}/api/health`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "ignore",
    },
    {
      // Replicas A and B on one PostgreSQL; the replica specs wait for A themselves.
      command: "npx tsx e2e/support/serve-replicas.ts",
      url: `${E2E.replicaBUrl}/api/health`,
      reuseExistingServer: false,
      // SIGTERM, not Playwright's default SIGKILL: the script stops its PostgreSQL cluster, which runs detached.
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      timeout: 180_000,
      stdout: "ignore",
    },
  ],
});
