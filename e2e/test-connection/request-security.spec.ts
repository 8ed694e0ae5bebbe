/**
 * Request security of the authorization request (#22): at a client that requires pushed
 * authorization requests (RFC 9126), PAR Off is diagnosed, a probe finds the fix, one click applies
 * it and the test passes with the PAR step; a client that requires PAR and signed request objects
 * (RFC 9101) passes with JAR + PAR, and one that requires only signed request objects passes with
 * JAR alone. No private key appears on any page.
 */
import { expect } from "@playwright/test";
import { test } from "../helpers/admin-test";
import { uniqueConnectionName } from "../helpers/connections";
import { seedConnection, storedPrivateKeyMembers, storedTestRecords } from "../helpers/seed-connection";
import {
  applySuggestedFix,
  authorizeInPopup,
  expectDiagnosis,
  expectTestResult,
  openConnectionTests,
  openProviderPopup,
  recordAuthorizationRequests,
  probeFindings,
  traceStep,
  traceStepTitles,
} from "../helpers/test-connection";
import { rawFilesInclude } from "../helpers/secret-leak";
import { createRequestSecurityConnection, JAR_STEP_TITLE, PAR_STEP_TITLE } from "../helpers/request-security";
import { TEST_CLIENTS } from "../support/oidc-clients";

// The wizard and a provider sign-in per test; on a busy two-core machine that can take a while.
test.describe.configure({ timeout: 180_000 });

test("[TEST][PAR] PAR Off at a client that requires PAR: diagnosed, the probe's one-click fix, then Success", async ({
  page,
}) => {
  const connection = await seedConnection({
    grantType: "authorization_code_pkce",
    ...TEST_CLIENTS.parRequired,
    scopes: ["openid"],
    parMode: "OFF",
  });
  await openConnectionTests(page, connection.id);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expectTestResult(page, "Failed");
  await expectDiagnosis(page, "The provider requires pushed authorization requests (PAR)");
  expect(await probeFindings(page)).toEqual([
    expect.stringContaining("Pushed to the PAR endpoint: accepted: the provider issued a request_uri"),
  ]);
  await applySuggestedFix(page, "set PAR to “When the provider requires it”");
  await openConnectionTests(page, connection.id);
  const sentToProvider = recordAuthorizationRequests(page);
  await authorizeInPopup(await openProviderPopup(page));
  await expectTestResult(page, "Success");
  // RFC 9126 §4: the browser carries only client_id and the request_uri.
  expect(sentToProvider.length).toBeGreaterThan(0);
  for (const url of sentToProvider) expect([...url.searchParams.keys()].sort()).toEqual(["client_id", "request_uri"]);
  expect(await traceStepTitles(page)).toContain(PAR_STEP_TITLE);
  await traceStep(page, PAR_STEP_TITLE).getByTestId("trace-step-title").click();
  await expect(traceStep(page, PAR_STEP_TITLE)).toContainText("client_id and request_uri only");
});

test("[TEST][JAR] JAR + PAR with a generated key at a client that requires both: Success, no private key on any page", async ({
  page,
}) => {
  const id = await createRequestSecurityConnection(page, {
    name: uniqueConnectionName("JAR and PAR"),
    grant: "Authorization Code with PKCE",
    ...TEST_CLIENTS.jarPar,
    clientAuth: "private_key_jwt",
    keyAlgorithm: "ES256",
    scopes: "openid",
    par: "Always",
    jar: true,
    registerJwksFor: TEST_CLIENTS.jarPar.clientId,
  });
  await openConnectionTests(page, id);
  await authorizeInPopup(await openProviderPopup(page));
  await expectTestResult(page, "Success");
  const titles = await traceStepTitles(page);
  expect(titles.indexOf(JAR_STEP_TITLE)).toBeGreaterThan(-1);
  expect(titles.indexOf(PAR_STEP_TITLE)).toBeGreaterThan(titles.indexOf(JAR_STEP_TITLE));
  await traceStep(page, JAR_STEP_TITLE).getByTestId("trace-step-title").click();
  await expect(traceStep(page, JAR_STEP_TITLE)).toContainText("oauth-authz-req+jwt");

  const privateMembers = await storedPrivateKeyMembers(id);
  expect(privateMembers.length).toBeGreaterThan(0);
  const pages = [page.url(), `/connections/${id}`, `/connections/${id}/tests`, `/connections/${id}/edit`];
  const stored = await storedTestRecords();
  for (const url of pages) {
    await page.goto(url);
    const html = await page.content();
    for (const member of privateMembers) expect(html.includes(member), `private key on ${url}`).toBe(false);
  }
  for (const member of privateMembers) {
    expect(stored.includes(member)).toBe(false);
    expect(rawFilesInclude(member), "private key in the database files or the app log").toBe(false);
  }
});

test("[TEST][JAR] JAR without PAR at a client that requires signed request objects: the browser carries the request object", async ({
  page,
}) => {
  const id = await createRequestSecurityConnection(page, {
    name: uniqueConnectionName("JAR alone"),
    grant: "Authorization Code with PKCE",
    ...TEST_CLIENTS.jarOnly,
    clientAuth: "private_key_jwt",
    keyAlgorithm: "ES256",
    scopes: "openid",
    par: "Off",
    jar: true,
    registerJwksFor: TEST_CLIENTS.jarOnly.clientId,
  });
  await openConnectionTests(page, id);
  const sentToProvider = recordAuthorizationRequests(page);
  await authorizeInPopup(await openProviderPopup(page));
  await expectTestResult(page, "Success");
  // RFC 9101 §5.2.1: the parameters travel signed in `request`, not as plain query parameters.
  expect(sentToProvider.length).toBeGreaterThan(0);
  for (const url of sentToProvider) {
    expect(url.searchParams.get("request")).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
    expect([...url.searchParams.keys()].sort()).toEqual(["client_id", "request"]);
  }
  const titles = await traceStepTitles(page);
  expect(titles).toContain(JAR_STEP_TITLE);
  expect(titles).not.toContain(PAR_STEP_TITLE);
});
