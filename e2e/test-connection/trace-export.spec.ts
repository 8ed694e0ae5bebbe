/**
 * The result page's trace leaves the console only redacted: "Copy as cURL" replays a request with
 * placeholders for the secret and tokens, "Download trace" is the stored redacted JSON.
 */
import { expect } from "@playwright/test";
import { test } from "../helpers/admin-test";
import { allowClipboard } from "../helpers/clipboard";
import { seedClientCredentialsConnection, seedConnection } from "../helpers/seed-connection";
import { copyExchangeAsCurl, downloadTrace, runPassingConnectionTest } from "../helpers/test-connection";
import { TEST_CLIENTS } from "../support/oidc-clients";

test.describe.configure({ timeout: 120_000 });

test("[TRACE] a client credentials run copies as cURL and downloads without its secret or token", async ({
  page,
  context,
}) => {
  await allowClipboard(context);
  const client = TEST_CLIENTS.clientCredentialsPost;
  const connection = await seedConnection({
    grantType: "client_credentials",
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    clientAuthMethod: "client_secret_post",
    scopes: ["api:read"],
  });
  await runPassingConnectionTest(page, connection.id);

  const curl = await copyExchangeAsCurl(page, "Token request (client credentials)");
  expect(curl).toMatch(/^curl --request POST \\\n {2}'http:\/\/127\.0\.0\.1:\d+\/[^']*token'/);
  expect(curl).toContain("--data-urlencode 'grant_type=client_credentials'");
  expect(curl).toContain(`--data-urlencode 'client_id=${client.clientId}'`);
  expect(curl).toContain(`--data-urlencode 'client_secret='"\${CLIENT_SECRET}"`);
  expect(curl).toContain("--data-urlencode 'scope=api:read'");
  expect(curl).not.toContain(client.clientSecret);

  const { fileName, text } = await downloadTrace(page);
  expect(fileName).toMatch(/^handshake-trace-[\w-]+\.json$/);
  expect(text).not.toContain(client.clientSecret);
  const file = JSON.parse(text) as {
    connection: { name: string };
    testRun: { status: string };
    trace: { title: string; status: string }[];
    result: { token: { accessTokenPrefix: string } };
  };
  expect(file.connection.name).toBe(connection.name);
  expect(file.testRun.status).toBe("SUCCESS");
  expect(file.trace.map((s) => [s.title, s.status])).toEqual([
    ["Discovery", "ok"],
    ["Token request (client credentials)", "ok"],
    ["Token response", "ok"],
  ]);
  // The access token appears only as its 8-character prefix.
  expect(file.result.token.accessTokenPrefix).toMatch(/^.{8}…$/);
  expect(text).toContain('"client_secret": "[redacted,');
});

test("[TRACE] the trace download is refused signed out and for another connection's run", async ({ page, request }) => {
  const connection = await seedClientCredentialsConnection({ scopes: ["api:read"] });
  const other = await seedClientCredentialsConnection();
  const testRunId = await runPassingConnectionTest(page, connection.id);
  const path = (connectionId: string) => `/api/connections/${connectionId}/tests/${testRunId}/trace`;

  expect((await page.request.get(path(connection.id))).status()).toBe(200);
  expect((await page.request.get(path(other.id))).status()).toBe(404);
  expect((await request.get(path(connection.id))).status()).toBe(401);
});
