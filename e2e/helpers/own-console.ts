/** Stories that change console-wide settings run against a console of their own (e2e/support/spawn-console.ts). */
import { expect, type Browser, type Page } from "@playwright/test";
import { E2E } from "../support/env";
import { serveOrExit, spawnConsole, type SpawnedConsole } from "../support/spawn-console";

/**
 * Starts a console through `npm start` with the e2e admin seeded, opens a page on it in a browser
 * context of its own, runs `story` there and stops the console whether the story passed or not.
 */
export async function withOwnConsole(
  browser: Browser,
  options: { host?: "127.0.0.1" | "localhost" },
  story: (page: Page, server: SpawnedConsole) => Promise<void>,
): Promise<void> {
  const server = await spawnConsole({
    via: "npm-start",
    ...options,
    env: { ADMIN_EMAIL: E2E.admin.email, ADMIN_PASSWORD: E2E.admin.password },
  });
  try {
    expect(await serveOrExit(server)).toBe("serving");
    const context = await browser.newContext({ baseURL: server.url });
    await story(await context.newPage(), server);
    await context.close();
  } finally {
    await server.stop();
  }
}
