/**
 * Replicas A and B on one PostgreSQL, 100 concurrent token requests to each for a token set whose
 * access token has expired: one refresh reaches the authorization server (counted there), and all
 * 200 callers get the same new token.
 */
import { test } from "@playwright/test";
import { expectOneRefreshForConcurrentRequests } from "../helpers/concurrent-refresh";
import { replicaA, replicaB, waitForReplicas } from "../helpers/replicas";

test("[REPLICAS] 200 concurrent requests across both replicas refresh an expired token once", async () => {
  // Two consoles, a provider and PostgreSQL on a busy two-core machine.
  test.setTimeout(180_000);
  await waitForReplicas();
  await expectOneRefreshForConcurrentRequests([replicaA, replicaB], "replicas");
});
