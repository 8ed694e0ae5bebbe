/**
 * After real flows, no client secret, authorization code, PKCE verifier or token appears in the
 * console's log, the audit trail, the stored test runs or any page. The values searched for are
 * the actual ones: secrets from the test clients, the code from the provider's redirect, tokens
 * and verifiers decrypted from the database.
 */
import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { test } from "../helpers/admin-test";
import {
  seedConnection,
  storedTestRecords,
  storedTokens,
  storedVerifiers,
  seedClientCredentialsConnection,
} from "../helpers/seed-connection";
import {
  authorizeInPopup,
  expectTestResult,
  openConnectionTests,
  openProviderPopup,
  runPassingConnectionTest,
} from "../helpers/test-connection";
import { E2E } from "../support/env";
import { CALLBACK_URL, TEST_CLIENTS } from "../support/oidc-clients";

// Each test drives the provider and the console end to end; on a busy two-core machine that can take a while.
test.describe.configure({ timeout: 120_000 });

test("[LEAK] no token, secret, code or verifier in the log, audit trail, stored traces or pages", async ({ page }) => {
  const codeFlow = await seedConnection({
    grantType: "authorization_code_pkce",
    ...TEST_CLIENTS.web,
    scopes: ["openid", "email", "offline_access"],
  });
  const clientCredentials = await seedClientCredentialsConnection({
    scopes: ["api:read"],
    resource: "urn:handshake:e2e-api",
  });

  await openConnectionTests(page, codeFlow.id);
  const popup = await openProviderPopup(page);
  const codes: string[] = [];
  popup.on("request", (request) => {
    if (request.url().startsWith(CALLBACK_URL)) codes.push(new URL(request.url()).searchParams.get("code") ?? "");
  });
  await authorizeInPopup(popup);
  await expectTestResult(page, "Success");
  const codeFlowResult = page.url();

  await runPassingConnectionTest(page, clientCredentials.id);
  const clientCredentialsResult = page.url();

  const secrets = [
    TEST_CLIENTS.web.clientSecret,
    TEST_CLIENTS.clientCredentialsBasic.clientSecret,
    ...codes,
    ...(await storedVerifiers(codeFlow.id)),
    ...(await storedTokens(codeFlow.id)),
    ...(await storedTokens(clientCredentials.id)),
  ].filter(Boolean);
  // Two client secrets, the code, the verifier, access/refresh/ID token and the client credentials token.
  expect(secrets.length).toBeGreaterThanOrEqual(8);

  const pages: string[] = [];
  for (const url of [
    codeFlowResult,
    clientCredentialsResult,
    `/connections/${codeFlow.id}/tests`,
    `/connections/${clientCredentials.id}/tests`,
  ]) {
    await page.goto(url);
    pages.push(await page.content());
    // The raw HTML response, including the serialized React Server Component payload.
    pages.push(await (await page.request.get(url)).text());
  }
  const places = {
    "the console log": fs.readFileSync(path.join(E2E.stateDir, "app.log"), "utf8"),
    "the stored test runs and audit events": await storedTestRecords(),
    "the pages": pages.join("\n"),
  };
  for (const [where, text] of Object.entries(places)) {
    expect(text.length, `${where} should not be empty`).toBeGreaterThan(0);
    for (const secret of secrets)
      expect(
        text.includes(secret),
        `a secret (${secret.slice(0, 3)}…, ${secret.length} chars) appears in ${where}`,
      ).toBe(false);
  }
});
