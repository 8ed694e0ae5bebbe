/**
 * The outbound guard as the running console applies it (OUTBOUND_ALLOW_CIDRS=127.0.0.0/8 here):
 * the cloud metadata address, typed or supplied by a provider's metadata. The other refusals
 * (IPv6 and unlisted loopback, private names, sizes, redirects) are lib/net/guarded-fetch.test.ts,
 * which can change the policy and the resolver, and their diagnoses in a test run are
 * lib/connection-tests/client-credentials-flow.test.ts.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "../helpers/auth";
import { connectionHealth, seedConnection } from "../helpers/seed-connection";
import { expectDiagnosis, expectTestResult, runConnectionTest } from "../helpers/test-connection";
import { closeHttpServer } from "../../lib/testing/close-http-server";

// Each test drives the provider and the console end to end; on a busy two-core machine that can take a while.
test.describe.configure({ timeout: 120_000 });

let server: http.Server;
let origin: string;

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url !== "/metadata-points-inside/.well-known/openid-configuration") {
      res.statusCode = 404;
      return res.end();
    }
    res.setHeader("content-type", "application/json");
    res.end(
      JSON.stringify({
        issuer: `${origin}/metadata-points-inside`,
        token_endpoint: "http://169.254.169.254/latest/meta-data/token",
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await closeHttpServer(server);
});

async function testConnectionAt(page: Page, issuer: string) {
  await signInAsAdmin(page);
  const connection = await seedConnection({
    grantType: "client_credentials",
    clientId: "guard-client",
    clientSecret: "guard-client-secret-1",
    issuer,
  });
  await runConnectionTest(page, connection.id);
  await expectTestResult(page, "Failed");
  return connection;
}

test("[GUARD] the cloud metadata address 169.254.169.254 is refused, and the trace says so", async ({ page }) => {
  const connection = await testConnectionAt(page, "http://169.254.169.254");
  await expectDiagnosis(page, "Address refused");
  await expect(page.getByText(/169\.254\.169\.254: the address is link-local/).first()).toBeVisible();
  expect(await connectionHealth(connection.id)).toBe("FAILING");
});

test("[GUARD] a token endpoint that the provider's metadata points at an internal address gets no request and no secret", async ({
  page,
}) => {
  await testConnectionAt(page, `${origin}/metadata-points-inside`);
  // The secret was entered for the issuer's origin, so the secret binding refuses before the guard is even asked.
  await expectDiagnosis(page, "Client secret not sent to another origin");
  await expect(
    page.getByText(/this request goes to http:\/\/169\.254\.169\.254\. It was not sent\./).first(),
  ).toBeVisible();
});
