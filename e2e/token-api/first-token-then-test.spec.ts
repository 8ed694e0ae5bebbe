/**
 * A client-credentials connection whose first token the token API fetched (its placeholder set)
 * is then tested from the console: the test records its run and stores its token in the same set.
 */
import { expect } from "@playwright/test";
import { test } from "../helpers/admin-test";
import { requestToken } from "../helpers/api-keys";
import { createApiKeyDirectly, seedClientCredentialsConnection } from "../helpers/seed-connection";
import { expectTestResult, runConnectionTest } from "../helpers/test-connection";

test("[TOKENS] Test connection after the token API fetched the first client-credentials token records the run, and the API serves the test's token", async ({
  page,
}) => {
  const connection = await seedClientCredentialsConnection();
  const { key } = await createApiKeyDirectly(`first ${connection.name}`.slice(0, 60), [connection.id]);
  const first = await requestToken(key, connection.id);
  expect(first.status).toBe(200);

  await runConnectionTest(page, connection.id);
  await expectTestResult(page, "Success");

  const next = await requestToken(key, connection.id);
  expect(next.status).toBe(200);
  expect(next.body.access_token).not.toBe(first.body.access_token);
});
