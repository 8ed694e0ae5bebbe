/**
 * The client secret, and a private_key_jwt private key, never leave the server once saved: not in
 * HTML, not in React Server Component payloads, not in server-action replies, logs, audit events
 * or the database file in plaintext.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { createUser, signIn, signInAsAdmin } from "../helpers/auth";
import { detail, field } from "../helpers/connections";
import {
  clickNextTo,
  createConnectionThroughWizard,
  expectStep,
  fillClient,
  fillEndpoints,
  goToNewConnection,
  nameAndChooseGrant,
  wizard,
} from "../helpers/connection-wizard";
import { importPrivateKey } from "../helpers/client-keys";
import { connectionAuditEvents } from "../helpers/seed-connection";
import { expectTestResult } from "../helpers/test-connection";
import { collectResponses, consoleDataFiles, fetchConsole, rawFilesInclude } from "../helpers/secret-leak";
import { E2E } from "../support/env";
import { TEST_CLIENTS } from "../support/oidc-clients";

test("[CONNECTIONS][SECRETS] a saved client secret appears in no page, payload, reply, log or database file", async ({
  page,
  browser,
}) => {
  // A long story (the wizard, an edit, a duplicate, twelve pages, a second user, the log and files): the budget of the other long stories.
  test.setTimeout(150_000);
  const secret = `leak-probe-${crypto.randomBytes(12).toString("hex")}`;
  const bodies: string[] = [];
  collectResponses(page, bodies);
  await signInAsAdmin(page);
  const name = `Leak probe ${secret.slice(-6)}`;
  const id = await createConnectionThroughWizard(page, {
    name,
    grant: "Authorization Code",
    clientId: "leak-probe-client",
    clientSecret: secret,
    scopes: "openid",
  });
  await expect(detail.summaryValue(page, "Client secret")).toHaveText(`•••• ${secret.slice(-4)}`);

  // Open the pages that hold the connection in a form, and use the actions that reply with it.
  await page.goto(`/connections/${id}/edit`);
  await field(page, "description").fill("edited by the leak test");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(detail.summaryValue(page, "Description")).toHaveText("edited by the leak test");
  await detail.chooseAction(page, "Duplicate");
  // The copy opens at the Client step (#19 item 17); its name is on the first.
  await expectStep(page, "Client");
  await wizard.stepLink(page, "Connection settings").click();
  await expect(field(page, "name")).toHaveValue(`${name} (copy)`);
  const copyId = new URL(page.url()).searchParams.get("draft");

  const pages = [
    "/connections",
    `/connections?q=${encodeURIComponent(name)}`,
    "/connections?status=not_tested",
    `/connections/${id}`,
    `/connections/${id}?test=start`,
    `/connections/${id}/edit`,
    `/connections/new?draft=${copyId}`,
    `/connections/${copyId}`,
    "/connections/new",
    "/audit",
    "/inventory",
    "/users",
  ];
  bodies.push(...(await fetchConsole(page.context(), pages)));

  const auditorContext = await browser.newContext();
  const auditor = await auditorContext.newPage();
  collectResponses(auditor, bodies);
  await signIn(auditor, createUser("AUDITOR"));
  await auditor.goto(`/connections/${id}`);
  await expect(detail.summaryValue(auditor, "Client secret")).toHaveText(`•••• ${secret.slice(-4)}`);
  bodies.push(...(await fetchConsole(auditorContext, pages)));
  await auditorContext.close();

  // The checks must be able to fail: the pages really show this connection.
  const all = bodies.join("\n");
  expect(all).toContain(name);
  expect(all).toContain(`•••• ${secret.slice(-4)}`);
  expect(all).not.toContain(secret);

  const raw = Buffer.concat(consoleDataFiles().map((f) => fs.readFileSync(f)));
  expect(raw.includes(Buffer.from(name)), "the database holds the connection").toBe(true);
  expect(raw.includes(Buffer.from(secret)), "plaintext secret in the database or log").toBe(false);
});

test("[CONNECTIONS][SECRETS] an imported private_key_jwt key (its PEM and JWK d) appears in no page, payload, reply, log or audit event", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const { privateKey } = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const d = privateKey.export({ format: "jwk" }).d!;
  // Every base64 line of the PEM body: any of them alone would be a leak.
  const pemLines = pem.split("\n").filter((line) => line && !line.startsWith("-----"));
  const bodies: string[] = [];
  collectResponses(page, bodies);
  await signInAsAdmin(page);
  const name = `Key leak probe ${d.slice(-6)}`;
  await goToNewConnection(page);
  await nameAndChooseGrant(page, { name, grant: "Client Credentials" });
  await clickNextTo(page, "Endpoints");
  await fillEndpoints(page, { name, grant: "Client Credentials", clientId: "" });
  await clickNextTo(page, "Client");
  await fillClient(page, {
    name,
    grant: "Client Credentials",
    ...TEST_CLIENTS.keyNotRegistered,
    clientAuth: "private_key_jwt",
    scopes: "api:read",
  });
  await importPrivateKey(page, pem, "ES256");
  const id = new URL(page.url()).searchParams.get("draft")!;
  await clickNextTo(page, "Tokens");
  await clickNextTo(page, "Review");
  // A test signs assertions with the key: its trace, diagnosis and probes are scanned too.
  await wizard.saveAndTest(page).click();
  await expectTestResult(page, "Failed");

  const pages = [`/connections/${id}`, `/connections/${id}/edit`, `/connections/${id}/tests`, "/audit", "/inventory"];
  bodies.push(...(await fetchConsole(page.context(), pages)));
  const jwks = await page.context().request.get(`${E2E.appUrl}/api/v1/connections/${id}/jwks.json`);
  bodies.push(await jwks.text());
  const auditorContext = await browser.newContext();
  const auditor = await auditorContext.newPage();
  collectResponses(auditor, bodies);
  await signIn(auditor, createUser("AUDITOR"));
  await auditor.goto(`/connections/${id}`);
  await expect(detail.publicKey(auditor)).toBeVisible();
  bodies.push(...(await fetchConsole(auditorContext, pages)));
  await auditorContext.close();
  const events = JSON.stringify(await connectionAuditEvents(id));

  // The checks must be able to fail: the pages and the JWKS really show this key's public half.
  const all = bodies.join("\n");
  const x = privateKey.export({ format: "jwk" }).x!;
  expect(all).toContain(name);
  expect(all).toContain(x);
  expect(events).toContain("connection.tested");
  for (const value of [d, ...pemLines]) {
    expect(all.includes(value), "private key material in a response").toBe(false);
    expect(events.includes(value), "private key material in an audit event").toBe(false);
    expect(rawFilesInclude(value), "private key material in the database or log").toBe(false);
  }
});
