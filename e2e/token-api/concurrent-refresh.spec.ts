/**
 * Two console processes on one database file, 100 concurrent token requests to each for a token
 * set whose access token has expired: one refresh reaches the authorization server (counted
 * there), and all 200 callers get the same new token.
 */
import { test } from "@playwright/test";
import { startSecondConsole } from "../helpers/api-keys";
import { expectOneRefreshForConcurrentRequests } from "../helpers/concurrent-refresh";
import { E2E } from "../support/env";

test("200 concurrent requests across two console processes refresh an expired token once", async () => {
  test.setTimeout(180_000);
  const second = await startSecondConsole();
  try {
    await expectOneRefreshForConcurrentRequests([E2E.appUrl, second.url], "main");
  } finally {
    await second.stop();
  }
});
