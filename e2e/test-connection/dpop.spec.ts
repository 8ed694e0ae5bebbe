/**
 * DPoP (RFC 9449) end to end: an admin creates a connection with sender-constrained tokens to a
 * client whose tokens must be DPoP-bound, tests it (bound token, the key's thumbprint, userinfo and
 * the API check with proofs, the refresh keeping the binding), then a bot reads the DPoP token and a
 * proof from the token API and calls the provider's userinfo with them. The private key shows nowhere.
 */
import { expect } from "@playwright/test";
import { test } from "../helpers/admin-test";
import { field, uniqueConnectionName } from "../helpers/connections";
import {
  clickNextTo,
  fillClient,
  fillEndpoints,
  goToNewConnection,
  nameAndChooseGrant,
  saveWizardAndOpen,
  WIZARD_CLIENTS,
  type WizardConnection,
} from "../helpers/connection-wizard";
import { connectionAuditEvents, createApiKeyDirectly } from "../helpers/seed-connection";
import {
  authorizeInPopup,
  expectTestResult,
  openConnectionTests,
  openProviderPopup,
  tokenChecks,
  traceStep,
} from "../helpers/test-connection";
import { botAsksProof, botCallsApi, botReadsToken, dpop } from "../helpers/dpop";
import { TEST_CLIENTS } from "../support/oidc-clients";
import { E2E } from "../support/env";

test.describe.configure({ timeout: 180_000 });

const USERINFO = `${E2E.oidcIssuer}/me`;
// A private EC JWK member ("d", 43 base64url characters) anywhere would be the key leaving the console.
const PRIVATE_MEMBER = /\\?"d\\?"\s*:\s*\\?"[A-Za-z0-9_-]{43}\\?"/;

test("[DPoP] a DPoP connection gets bound tokens, and a bot uses them with proofs from the token API", async ({
  page,
}) => {
  const connection: WizardConnection = {
    ...WIZARD_CLIENTS.web,
    ...TEST_CLIENTS.dpopWeb,
    name: uniqueConnectionName("dpop"),
    scopes: "openid",
  };
  await goToNewConnection(page);
  await nameAndChooseGrant(page, connection);
  await clickNextTo(page, "Endpoints");
  await fillEndpoints(page, connection);
  await clickNextTo(page, "Client");
  await fillClient(page, connection);
  await clickNextTo(page, "Tokens");
  await dpop.toggle(page).click();
  await expect(dpop.toggle(page)).toBeChecked();
  await field(page, "apiCheckUrl").fill(USERINFO);
  await clickNextTo(page, "Review");
  const connectionId = await saveWizardAndOpen(page, connection.name);

  await expect(dpop.keyCard(page)).toContainText("ES256");
  const jkt = (await dpop.thumbprint(page).textContent())!.trim();
  expect(jkt).toMatch(/^[A-Za-z0-9_-]{43}$/);
  await expect(dpop.proofCurl(page)).toContainText(`/api/v1/connections/${connectionId}/dpop-proof`);
  expect(await page.content()).not.toMatch(PRIVATE_MEMBER);

  await openConnectionTests(page, connectionId);
  await authorizeInPopup(await openProviderPopup(page));
  await expectTestResult(page, "Success");
  await expect(tokenChecks(page).filter({ hasText: `ES256 · jkt ${jkt}` })).toBeVisible();
  await expect(tokenChecks(page).filter({ hasText: /^Bound: token type DPoP/ })).toBeVisible();
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
});
