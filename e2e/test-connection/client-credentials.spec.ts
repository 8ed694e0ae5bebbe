/**
 * Testing a client credentials connection from its page: success, what an auditor sees, and the
 * failures whose diagnosis leads somewhere in the console. Every other diagnosis (a wrong method, a
 * grant type the client may not use, a provider that is down) is lib/connection-tests/client-credentials-flow.test.ts.
 */
import { expect } from "@playwright/test";
import { test } from "../helpers/admin-test";
import { signIn, createUser } from "../helpers/auth";
import { connectionHealth, seedConnection, seedClientCredentialsConnection } from "../helpers/seed-connection";
import {
  expectDiagnosis,
  expectTestResult,
  probeFindings,
  openConnectionTests,
  runConnectionTest,
  runConnectionTestExpectingFailure,
  traceStepTitles,
} from "../helpers/test-connection";
import { uniqueConnectionName } from "../helpers/connections";
import { fillWizardToReview, wizard } from "../helpers/connection-wizard";
import { TEST_CLIENTS } from "../support/oidc-clients";

// Each test drives the provider and the console end to end; on a busy two-core machine that can take a while.
test.describe.configure({ timeout: 120_000 });

const RESOURCE = "urn:handshake:e2e-api";

test("[TEST][CC] client credentials with Basic authentication: Success, JWT claims, token stored, healthy", async ({
  page,
}) => {
  const connection = await seedClientCredentialsConnection({ scopes: ["api:read"], resource: RESOURCE });
  await runConnectionTest(page, connection.id);
  await expectTestResult(page, "Success");
  expect(await traceStepTitles(page)).toEqual(["Discovery", "Token request (client credentials)", "Token response"]);
  await expect(page.getByRole("table", { name: "Access token claims" })).toContainText(RESOURCE);
  await expect(page.getByText("Basic [client credentials redacted]")).toBeAttached();
  expect(await connectionHealth(connection.id)).toBe("HEALTHY");

  await openConnectionTests(page, connection.id);
  await expect(page.getByTestId("test-history-row").first()).toContainText("Success");
  await expect(page.getByTestId("token-status")).toContainText("Valid");
});

test("[TEST][CC] an auditor sees the history and the result, but cannot start a test", async ({ page, browser }) => {
  const connection = await seedConnection({
    grantType: "client_credentials",
    ...TEST_CLIENTS.clientCredentialsPost,
    clientAuthMethod: "client_secret_post",
    scopes: ["api:read"],
    resource: RESOURCE,
  });
  await runConnectionTest(page, connection.id);
  await expectTestResult(page, "Success");
  const resultUrl = page.url();

  const auditor = await (await browser.newContext()).newPage();
  await signIn(auditor, createUser("AUDITOR"));
  await openConnectionTests(auditor, connection.id);
  await expect(auditor.getByRole("button", { name: "Test connection" })).toHaveCount(0);
  await auditor.getByRole("link", { name: "View result" }).first().click();
  await expect(auditor).toHaveURL(resultUrl);
  await expectTestResult(auditor, "Success");
});

test("[TEST][CC] a wrong client secret: invalid_client diagnosis, and once the probes ruled out the other method the fix is the secret", async ({
  page,
}) => {
  const connection = await seedClientCredentialsConnection({
    clientSecret: "definitely-not-the-secret",
    scopes: ["api:read"],
    resource: RESOURCE,
  });
  await runConnectionTestExpectingFailure(
    page,
    connection.id,
    "Client authentication failed",
    /Re-enter the client secret .*ruled out the client authentication method \(client_secret_post was tried too\)/,
  );
});

test("[TEST][CC] private_key_jwt with a key the provider does not know: the other audience is refused too, so the key is not registered", async ({
  page,
}) => {
  await fillWizardToReview(page, {
    name: uniqueConnectionName("CC key not registered"),
    grant: "Client Credentials",
    ...TEST_CLIENTS.keyNotRegistered,
    clientAuth: "private_key_jwt",
    keyAlgorithm: "ES256",
    scopes: "api:read",
  });
  await wizard.saveAndTest(page).click();
  await expectTestResult(page, "Failed");
  await expectDiagnosis(page, "Signing key not registered at the provider");
  await expect(page.getByText(/Register the public key with kid \S+ at the provider for this client/)).toBeVisible();
  expect((await probeFindings(page))[0]).toMatch(/audience: the token endpoint url.*signed assertion refused/);
  // The trace shows the assertion's claims and the key that signed it, never the assertion itself.
  await expect(page.getByText(/^the private key with kid \S+ \(ES256\)$/).first()).toBeAttached();
  await expect(page.getByText(/^\[redacted, \d+ characters\]$/).first()).toBeAttached();
});
