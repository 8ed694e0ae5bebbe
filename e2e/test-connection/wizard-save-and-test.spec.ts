/**
 * The whole admin journey: create a connection in the wizard, press Save and test connection,
 * sign in and consent at the real authorization server, and land on the result. Client credentials
 * take the same path without the popup (client_secret_jwt, private_key_jwt below); a public PKCE
 * client's test is authorization-code.spec.ts.
 */
import { expect, type Page } from "@playwright/test";
import { test } from "../helpers/admin-test";
import { detail, uniqueConnectionName } from "../helpers/connections";
import {
  fillWizardToReview,
  wizard,
  WIZARD_CLIENTS,
  WIZARD_WEB_CLIENT_OFFLINE,
  type WizardConnection,
} from "../helpers/connection-wizard";
import {
  clientKey,
  fetchConnectionJwks,
  keyRotation,
  registerConnectionJwks,
  registerDraftJwks,
} from "../helpers/client-keys";
import { apiKeysPage, createApiKeyInBrowser, requestToken } from "../helpers/api-keys";
import { authorizeInPopup, expectTestResult, traceStepTitles } from "../helpers/test-connection";
import { auditRowsFor, openConnectionAuditHistory } from "../helpers/audit";

/** The test server's client_secret_basic client, asking for the scope it may have. */
const CLIENT_CREDENTIALS_READ = { ...WIZARD_CLIENTS.clientCredentialsBasic, scopes: "api:read" };

/** From a test result, opens the connection it tested and checks the status the test left it in. */
async function expectConnectionStatusAfterTest(page: Page, name: string, status: "Healthy" | "Failing"): Promise<void> {
  const connectionId = new URL(page.url()).pathname.split("/")[2]!;
  await page.goto(`/connections/${connectionId}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(detail.status(page)).toHaveText(status);
}

/** Fills the wizard and presses Save and test connection; a code flow then signs in and consents in the popup. */
async function saveAndTestThroughWizard(page: Page, connection: WizardConnection): Promise<void> {
  await fillWizardToReview(page, connection);
  if (connection.grant === "Client Credentials") return wizard.saveAndTest(page).click();
  // The provider opens in a popup; it reports back to this window, which shows the result.
  const popup = page.waitForEvent("popup");
  await wizard.saveAndTest(page).click();
  await authorizeInPopup(await popup);
}

test("[WIZARD][TEST] authorization code: Save and test connection, sign in and consent, Success with trace and a stored token", async ({
  page,
}) => {
  const name = uniqueConnectionName("Wizard code");
  await saveAndTestThroughWizard(page, { name, ...WIZARD_WEB_CLIENT_OFFLINE });
  await expectTestResult(page, "Success");
  await expect(page).toHaveURL(/\/connections\/[a-z0-9]+\/tests\/[a-z0-9]+$/);
  const steps = await traceStepTitles(page);
  expect(steps.join(" | ")).toMatch(
    /Authorization request.*Callback received.*Token request.*ID token checks.*Userinfo.*Refresh/,
  );

  await expectConnectionStatusAfterTest(page, name, "Healthy");
  await expect(page.getByRole("heading", { name: "Token status" })).toBeVisible();
  await expect(page.getByText("No token stored yet.")).toHaveCount(0);
  // A code flow that stored tokens authorized someone (client credentials never do: test-run-audit.spec.ts).
  await openConnectionAuditHistory(page, new URL(page.url()).pathname.split("/")[2]!);
  await expect(auditRowsFor(page, "connection.authorized")).toHaveCount(1);
});

test("[WIZARD][TEST] client_secret_jwt: offered with the secret methods, Save and test sends a signed assertion, no secret, Success", async ({
  page,
}) => {
  const name = uniqueConnectionName("Wizard CC JWT");
  await saveAndTestThroughWizard(page, {
    name,
    ...WIZARD_CLIENTS.clientCredentialsJwt,
    assertionAudience: "token_endpoint",
    scopes: "api:read",
  });
  await expectTestResult(page, "Success");
  await expect(page.getByText("urn:ietf:params:oauth:client-assertion-type:jwt-bearer").first()).toBeAttached();
  await expect(page.getByText(WIZARD_CLIENTS.clientCredentialsJwt.clientSecret)).toHaveCount(0);
  await expectConnectionStatusAfterTest(page, name, "Healthy");
  await detail.actionButton(page, "Edit").click();
  await expect(wizard.clientAuthGroup(page, "With a client secret")).toHaveText([
    /^client_secret_basic/,
    /^client_secret_post/,
    /^client_secret_jwt/,
  ]);
});

test("[WIZARD][TEST] private_key_jwt: a key pair generated on the server, its JWKS registered, Save and test Success, then rotated without downtime", async ({
  page,
}) => {
  // The wizard, then a whole rotation with an API key: the time budget of the other long connection stories.
  test.setTimeout(150_000);
  const name = uniqueConnectionName("Wizard CC private key");
  const connection = { name, ...WIZARD_CLIENTS.clientCredentialsPrivateKey, scopes: "api:read" };
  await fillWizardToReview(page, connection);
  const jwks = await registerDraftJwks(page, connection.clientId);
  expect(jwks.keys).toHaveLength(1);
  expect(jwks.keys[0]).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
  for (const member of ["d", "p", "q"]) expect(jwks.keys[0]).not.toHaveProperty(member);
  await wizard.saveAndTest(page).click();
  await expectTestResult(page, "Success");
  await expect(page.getByText("urn:ietf:params:oauth:client-assertion-type:jwt-bearer").first()).toBeAttached();
  await expectConnectionStatusAfterTest(page, name, "Healthy");
  const publicKey = detail.publicKey(page);
  // A generated key's kid is its RFC 7638 thumbprint: shown as both.
  await expect(publicKey.getByText(jwks.keys[0]!.kid!, { exact: true })).toHaveCount(2);
  await expect(publicKey.getByText("-----BEGIN PUBLIC KEY-----")).toBeVisible();
  const connectionId = new URL(page.url()).pathname.split("/")[2]!;
  await detail.actionButton(page, "Edit").click();
  await expect(clientKey.status(page)).toContainText(`Key stored: kid ${jwks.keys[0]!.kid}`);
  await rotateClientKey(page, { connectionId, clientId: connection.clientId, name, oldKid: jwks.keys[0]!.kid! });
});

/**
 * Rotation without downtime (#21): prepare the next key (the JWKS publishes both), register it,
 * test with it (the provider fetches the JWKS and accepts it), switch, the token API still serves a
 * token, retire the old key: the JWKS holds only the new one.
 */
async function rotateClientKey(
  page: Page,
  { connectionId, clientId, name, oldKid }: { connectionId: string; clientId: string; name: string; oldKid: string },
): Promise<void> {
  await page.goto(`/connections/${connectionId}`);
  await keyRotation.algorithm(page).selectOption("RS256");
  await keyRotation.prepare(page).click();
  await expect(keyRotation.nextKey(page)).toContainText("Not passed yet");
  const both = await registerConnectionJwks(connectionId, clientId);
  expect(both.keys.map((k) => [k.kid, k.alg])).toEqual([
    [oldKid, "ES256"],
    [expect.any(String), "RS256"],
  ]);
  for (const key of both.keys) for (const member of ["d", "p", "q"]) expect(key).not.toHaveProperty(member);
  const newKid = both.keys[1]!.kid!;
  await expect(keyRotation.nextKey(page).getByText(newKid, { exact: true })).toHaveCount(2);
  await expect(keyRotation.nextKey(page).getByText("-----BEGIN PUBLIC KEY-----")).toBeVisible();

  await keyRotation.switchKey(page).click();
  await expect(keyRotation.refusal(page)).toContainText('Run "Test with new key" first');
  await keyRotation.test(page).click();
  await expectTestResult(page, "Success");
  await page.goto(`/connections/${connectionId}`);
  await expect(keyRotation.nextKey(page)).toContainText("Passed: you can switch to it");
  await keyRotation.grace(page).selectOption("1d");
  await keyRotation.switchKey(page).click();
  await expect(keyRotation.oldKey(page)).toContainText(`Old key ${oldKid} stays in the JWKS until`);
  await expect(detail.publicKey(page).getByText(newKid, { exact: true })).toHaveCount(2);
  expect((await fetchConnectionJwks(connectionId)).keys.map((k) => k.kid)).toEqual([newKid, oldKid]);

  await apiKeysPage.navLink(page).click();
  await createApiKeyInBrowser(page, uniqueConnectionName("Rotation key"), name);
  const apiKey = (await apiKeysPage.newKey(page).textContent())!.trim();
  const token = await requestToken(apiKey, connectionId);
  expect(token.status).toBe(200);
  expect(token.body.access_token).toEqual(expect.any(String));

  await page.goto(`/connections/${connectionId}`);
  await keyRotation.retire(page).click();
  await expect(keyRotation.oldKey(page)).toHaveCount(0);
  expect((await fetchConnectionJwks(connectionId)).keys.map((k) => k.kid)).toEqual([newKid]);
}

test("[WIZARD][TEST] a wrong secret typed in the wizard: Failed with the invalid_client diagnosis, marked Failing", async ({
  page,
}) => {
  const name = uniqueConnectionName("Wizard CC wrong");
  await saveAndTestThroughWizard(page, { name, ...CLIENT_CREDENTIALS_READ, clientSecret: "definitely-not-the-secret" });
  await expectTestResult(page, "Failed");
  await expect(page.getByRole("heading", { name: /^Diagnosis: / })).toBeVisible();
  await expectConnectionStatusAfterTest(page, name, "Failing");
  await expect(page.getByText("No token stored yet.")).toBeVisible();
});
