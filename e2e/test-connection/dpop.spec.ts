/**
 * DPoP (RFC 9449) end to end: an admin creates a code + PKCE connection with sender-constrained
 * tokens to a client whose tokens must be DPoP-bound, tests it (the code bound by dpop_jkt, a bound
 * token, the key's thumbprint, userinfo and the API check with proofs, the refresh keeping the
 * binding, confirmed by introspection), then a bot reads the DPoP token and a proof from the token
 * API and calls the provider's userinfo with them. Client credentials at a server that demands a
 * DPoP nonce pass after one retry. The private key shows nowhere.
 */
import { expect } from "@playwright/test";
import { test } from "../helpers/admin-test";
import { field, uniqueConnectionName } from "../helpers/connections";
import {
  clickNextTo,
  fillWizardThroughClient,
  importEndpointsFromDiscovery,
  OIDC_ENDPOINTS,
  saveWizardAndOpen,
  WIZARD_CLIENTS,
  type WizardConnection,
} from "../helpers/connection-wizard";
import { connectionAuditEvents, createApiKeyDirectly, seedConnection } from "../helpers/seed-connection";
import {
  authorizeInPopup,
  expectTestResult,
  openConnectionTests,
  openProviderPopup,
  recordAuthorizationRequests,
  tokenChecks,
  traceStep,
  traceStepTitles,
} from "../helpers/test-connection";
import { rawFilesMatch } from "../helpers/secret-leak";
import { botAsksProof, botCallsApi, botReadsToken, dpop } from "../helpers/dpop";
import { TEST_CLIENTS } from "../support/oidc-clients";

test.describe.configure({ timeout: 180_000 });

const USERINFO = OIDC_ENDPOINTS.userinfoUrl;
const TOKEN_REQUEST_STEP = "Token request (client credentials)";
// A private EC JWK member ("d", 43 base64url characters) anywhere would be the key leaving the console.
const PRIVATE_MEMBER = /\\?"d\\?"\s*:\s*\\?"[A-Za-z0-9_-]{43}\\?"/;

test("[DPoP] a code + PKCE DPoP connection gets bound tokens that survive the refresh, and a bot uses them with proofs from the token API", async ({
  page,
}) => {
  const connection: WizardConnection = {
    ...WIZARD_CLIENTS.web,
    grant: "Authorization Code with PKCE",
    ...TEST_CLIENTS.dpopWeb,
    name: uniqueConnectionName("dpop"),
    scopes: "openid offline_access",
  };
  // From discovery: the introspection endpoint is known only from the provider's metadata.
  await fillWizardThroughClient(page, connection, importEndpointsFromDiscovery);
  await clickNextTo(page, "Tokens");
  await dpop.toggle(page).click();
  await expect(dpop.toggle(page)).toBeChecked();
  // The token is opaque: introspection shows its cnf.jkt (RFC 9449 §6.2).
  await dpop.introspectionToggle(page).click();
  await field(page, "apiCheckUrl").fill(USERINFO);
  await clickNextTo(page, "Review");
  const connectionId = await saveWizardAndOpen(page, connection.name);

  await expect(dpop.keyCard(page)).toContainText("ES256");
  const jkt = (await dpop.thumbprint(page).textContent())!.trim();
  expect(jkt).toMatch(/^[A-Za-z0-9_-]{43}$/);
  await expect(dpop.proofCurl(page)).toContainText(`/api/v1/connections/${connectionId}/dpop-proof`);
  expect(await page.content()).not.toMatch(PRIVATE_MEMBER);

  await openConnectionTests(page, connectionId);
  const authorizationRequests = recordAuthorizationRequests(page);
  await authorizeInPopup(await openProviderPopup(page));
  await expectTestResult(page, "Success");
  // RFC 9449 §10: the code is bound to the key before it exists.
  expect(authorizationRequests.map((url) => url.searchParams.get("dpop_jkt"))).toContain(jkt);
  await expect(tokenChecks(page).filter({ hasText: `ES256 · jkt ${jkt}` })).toBeVisible();
  // The refreshed token is the one checked: the refresh kept the binding.
  await expect(page.getByText(/^The refresh token worked/)).toBeVisible();
  await expect(
    tokenChecks(page).filter({
      hasText: /^Bound: token type DPoP, cnf\.jkt matches the DPoP key \(shown by introspection\)$/,
    }),
  ).toBeVisible();
  const refresh = traceStep(page, "Refresh request");
  await refresh.getByTestId("trace-step-title").click();
  await expect(refresh).toContainText(`proof signed with the same key (jkt ${jkt})`);
  await expect(
    tokenChecks(page).filter({ hasText: /^200 \(expected 200\) · \d+ ms · the token works at the API$/ }),
  ).toBeVisible();
  const apiCheck = traceStep(page, `API check: GET ${USERINFO}`);
  await apiCheck.getByTestId("trace-step-title").click();
  await expect(apiCheck).toContainText('"typ":"dpop+jwt"');
  await expect(apiCheck).toContainText(`"htu":"${USERINFO}"`);
  expect(await page.content()).not.toMatch(PRIVATE_MEMBER);

  const { key } = await createApiKeyDirectly(uniqueConnectionName("dpop bot"), [connectionId]);
  const token = await botReadsToken(key, connectionId);
  expect(token.status, token.text).toBe(200);
  expect(token.body.token_type).toBe("DPoP");
  const asked = await botAsksProof(key, connectionId, { htm: "GET", htu: USERINFO });
  expect(asked.status, asked.text).toBe(200);
  expect(asked.text).not.toMatch(PRIVATE_MEMBER);
  const userinfo = await botCallsApi(USERINFO, token.body.access_token, asked.proof);
  expect(userinfo.status, await userinfo.clone().text()).toBe(200);
  // A proof is good for the one request it names (RFC 9449 §4.3): the provider refuses it for another htu.
  const elsewhere = await botAsksProof(key, connectionId, { htm: "GET", htu: `${USERINFO}/elsewhere` });
  expect(elsewhere.status, elsewhere.text).toBe(200);
  const refused = await botCallsApi(USERINFO, token.body.access_token, elsewhere.proof);
  expect(refused.status).toBe(401);
  expect(refused.headers.get("www-authenticate")).toContain("invalid_dpop_proof");

  const events = JSON.stringify(await connectionAuditEvents(connectionId));
  expect(events).toContain(jkt);
  expect(events).not.toMatch(PRIVATE_MEMBER);
  // Sealed at rest, never logged: no private JWK member in the database files or the app's log.
  expect(rawFilesMatch(PRIVATE_MEMBER)).toBe(false);
});

test("[DPoP] client credentials at a server that demands a DPoP nonce: one retry with the nonce, then a bound token", async ({
  page,
}) => {
  const connection = await seedConnection({
    grantType: "client_credentials",
    ...TEST_CLIENTS.dpopNonceMachine,
    useDpop: true,
    testIntrospection: true,
  });
  await openConnectionTests(page, connection.id);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expectTestResult(page, "Success");
  await expect(
    tokenChecks(page).filter({ hasText: /^Bound: token type DPoP, cnf\.jkt matches the DPoP key/ }),
  ).toBeVisible();
  expect(await traceStepTitles(page)).toContain(TOKEN_REQUEST_STEP);
  const tokenRequest = traceStep(page, TOKEN_REQUEST_STEP);
  await tokenRequest.getByTestId("trace-step-title").click();
  // RFC 9449 §8: the server answered use_dpop_nonce with a nonce, the retry carried it.
  await expect(tokenRequest).toContainText("The server demanded a DPoP nonce (use_dpop_nonce, RFC 9449 §8)");
  await expect(tokenRequest).toContainText("DPoP proof (with the server's nonce)");
  expect(await page.content()).not.toMatch(PRIVATE_MEMBER);
});
