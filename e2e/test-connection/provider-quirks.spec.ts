/**
 * Providers that bend the standards, played by the quirk proxy in front of the real oidc-provider
 * (lib/testing/quirk-proxy.ts), through the browser: the failed test, the probes in the trace and
 * the diagnosis, then the one-click fix and a passing test; and a refusal no probe explains. Every
 * other quirk, its diagnosis and its applied fix is lib/connection-tests/probes/token-probes.test.ts.
 */
import { expect, type Page } from "@playwright/test";
import { test } from "../helpers/admin-test";
import { seedConnection } from "../helpers/seed-connection";
import {
  applySuggestedFix,
  suggestedFix,
  expectDiagnosis,
  expectTestResult,
  openTraceStepWithKeyboard,
  probeFindings,
  testAgain,
  traceStep,
  traceStepTitles,
  runConnectionTest,
} from "../helpers/test-connection";
import { E2E } from "../support/env";
import { field, uniqueConnectionName } from "../helpers/connections";
import { OIDC_ENDPOINTS, openWizardAtEndpoints, wizard } from "../helpers/connection-wizard";
import { QUIRK_CLIENTS } from "../../lib/testing/quirk-clients";

test.describe.configure({ timeout: 120_000 });

async function failedTestFor(
  page: Page,
  client: { clientId: string; clientSecret: string },
  secret = client.clientSecret,
) {
  const connection = await seedConnection({
    grantType: "client_credentials",
    clientId: client.clientId,
    clientSecret: secret,
    tokenUrl: E2E.quirkTokenUrl,
  });
  await runConnectionTest(page, connection.id);
  await expectTestResult(page, "Failed");
  return connection;
}

async function fixAndPass(page: Page, action: string) {
  await applySuggestedFix(page, action);
  await testAgain(page);
  await expectTestResult(page, "Success");
  expect(await traceStepTitles(page)).not.toContainEqual(expect.stringMatching(/^Probe/));
}

const PLAIN = "client_secret_basic (plain, RFC 7617)";
const POST = "client_secret_post";

test("[QUIRK] strips errors to a bare 403: the refusal is named, client_secret_post found and applied", async ({
  page,
}) => {
  await failedTestFor(page, QUIRK_CLIENTS.bare403);
  await expectDiagnosis(page, "The provider accepts these credentials with client_secret_post");
  await expect(page.getByText("was refused: the provider refused the request without saying why")).toBeVisible();
  expect(await probeFindings(page)).toEqual([
    `with ${PLAIN}: 403 the provider refused the request without saying why`,
    `with ${POST}: a token was issued`,
  ]);
  // The refused probe stays open; the one that got a token is collapsed until opened from the keyboard.
  const refusedProbe = traceStep(page, `Probe 1 of at most 4: with ${PLAIN}`);
  const passedProbe = traceStep(page, `Probe 2 of at most 4: with ${POST}`);
  await expect(refusedProbe.getByText("403 the provider refused the request without saying why")).toBeVisible();
  await expect(passedProbe.getByText("a token was issued (not stored)")).toBeHidden();
  await openTraceStepWithKeyboard(page, `Probe 2 of at most 4: with ${POST}`);
  await expect(passedProbe.getByText("a token was issued (not stored)")).toBeVisible();
  await fixAndPass(page, "switch to client_secret_post");
});

test("[QUIRK] a wrong secret behind a bare 403: likely causes in order, probes without a fix", async ({ page }) => {
  await failedTestFor(page, QUIRK_CLIENTS.bare403, "not-the-secret.1");
  await expectDiagnosis(page, "The provider refused the request without saying why");
  await expect(
    page.getByText(
      "(1) the client ID or secret is wrong; (2) the provider expects another client authentication method",
    ),
  ).toBeVisible();
  await expect(page.getByText("None of the 4 probes got a token")).toBeVisible();
  const findings = await probeFindings(page);
  expect(findings).toHaveLength(4);
  for (const finding of findings) expect(finding).toMatch(/: 403 the provider refused the request without saying why$/);
  await expect(suggestedFix(page)).toHaveCount(0);
  await expect(page.getByText("HTML page instead of JSON")).toHaveCount(0);
});

test("[QUIRK][DISCOVERY] Import from discovery behind a redirect: a trailing-slash move on the issuer's origin is followed, one to another origin is named and used with one click", async ({
  page,
}) => {
  const quirkOrigin = `http://127.0.0.1:${E2E.quirkPort}`;
  await openWizardAtEndpoints(page, { name: uniqueConnectionName("Discovery redirect"), grant: "Client Credentials" });

  const slashIssuer = `${quirkOrigin}/slash-metadata`;
  await field(page, "issuer").fill(slashIssuer);
  await wizard.importDiscovery(page).click();
  await expect(page.getByTestId("discovery-status")).toContainText(
    `Imported from ${slashIssuer}/.well-known/openid-configuration/, after following ${slashIssuer}/.well-known/openid-configuration → ${slashIssuer}/.well-known/openid-configuration/ (301)`,
  );
  await expect(wizard.fieldError(page, "Issuer URL")).toHaveCount(0);
  await expect(field(page, "tokenUrl")).toHaveValue(OIDC_ENDPOINTS.tokenUrl);

  const moved = `${OIDC_ENDPOINTS.issuer}/.well-known/openid-configuration`;
  await field(page, "issuer").fill(`${quirkOrigin}/moved-metadata`);
  await wizard.importDiscovery(page).click();
  await expect(wizard.fieldError(page, "Issuer URL")).toContainText(
    `answered 301 with a redirect to ${moved}, on another origin than the issuer`,
  );
  await field(page, "tokenUrl").fill("");
  await wizard.useMovedDiscovery(page, moved).click();
  await expect(page.getByTestId("discovery-status")).toContainText(`Imported from ${moved}.`);
  await expect(field(page, "issuer")).toHaveValue(OIDC_ENDPOINTS.issuer);
  await expect(field(page, "tokenUrl")).toHaveValue(OIDC_ENDPOINTS.tokenUrl);
  await expect(wizard.fieldError(page, "Issuer URL")).toHaveCount(0);
});
