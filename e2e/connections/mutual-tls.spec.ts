/**
 * Mutual TLS client authentication (RFC 8705) against the test server's HTTPS listener: an admin
 * creates tls_client_auth connections with certificates from the test CA (PEM for client
 * credentials, PKCS#12 with a password for a code flow) and self_signed_tls_client_auth ones with
 * certificates the console generates; each test passes with a token bound to the certificate, and a
 * bot reads a bound token from the token API. A certificate from an untrusted CA and an expired one
 * are diagnosed with cause and fix. No private key or PKCS#12 password reaches a page, response,
 * audit event, log or database file.
 */
import crypto from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { test } from "../helpers/admin-test";
import { uniqueConnectionName } from "../helpers/connections";
import { wizard } from "../helpers/connection-wizard";
import { registerDraftJwks } from "../helpers/client-keys";
import {
  botTokenThumbprint,
  e2eCertificateAuthority,
  expectCertificateBound,
  fillMtlsWizardToReview,
  generateCertificate,
  mtlsConnection,
  pkcs12Of,
  thumbprintOf,
  uploadCertificatePem,
  uploadCertificatePkcs12,
} from "../helpers/mutual-tls";
import { collectResponses, fetchConsole, rawFilesInclude } from "../helpers/secret-leak";
import { connectionAuditEvents } from "../helpers/seed-connection";
import { authorizeInPopup, expectTestResult, runConnectionTestExpectingFailure } from "../helpers/test-connection";
import { createTestCertificateAuthority, type IssuedCertificate } from "../../lib/testing/test-pki";
import { TEST_CLIENTS } from "../support/oidc-clients";

// A wizard, a test or two and a bot or a leak scan each: the budget of the other long connection stories.
test.describe.configure({ timeout: 150_000 });

const SUBJECT = TEST_CLIENTS.mtlsCa.subjectDn;

/** Presses Save and test connection at Review; a code flow signs in and consents in the popup. Returns the connection id. */
async function saveAndTest(page: Page, codeFlow: boolean): Promise<string> {
  if (codeFlow) {
    const popup = page.waitForEvent("popup");
    await wizard.saveAndTest(page).click();
    await authorizeInPopup(await popup);
  } else {
    await wizard.saveAndTest(page).click();
  }
  await expectTestResult(page, "Success");
  return new URL(page.url()).pathname.split("/")[2]!;
}

/** The start of a leak story: the test CA, and every response body the page receives from now on. */
async function watchResponsesWithCa(page: Page) {
  const bodies: string[] = [];
  collectResponses(page, bodies);
  return { bodies, ca: await e2eCertificateAuthority() };
}

/** Uploads `certificate` on the connection's edit page; its test then fails with `diagnosis` and `fix`. */
async function testWithCertificate(
  page: Page,
  id: string,
  certificate: IssuedCertificate,
  diagnosis: string,
  fix: RegExp,
): Promise<void> {
  await page.goto(`/connections/${id}/edit`);
  await uploadCertificatePem(page, certificate, SUBJECT);
  await runConnectionTestExpectingFailure(page, id, diagnosis, fix);
}

/** Every base64 line of a PEM body: any of them alone would be a leak. */
const pemLines = (pem: string) => pem.split("\n").filter((line) => line && !line.startsWith("-----"));

/**
 * The secret-leak scan over what the page received, the connections' pages fetched again, their
 * audit events, the database files and the log. `shown`: public values the pages and events must
 * hold, so the scan cannot pass only because it read the wrong pages.
 */
async function expectNoLeak(
  page: Page,
  bodies: string[],
  connectionIds: string[],
  secrets: string[],
  shown: { page: string; event: string },
): Promise<void> {
  const pages = [...connectionIds.flatMap((id) => [`/connections/${id}`, `/connections/${id}/edit`]), "/audit"];
  bodies.push(...(await fetchConsole(page.context(), pages)));
  const all = bodies.join("\n");
  const events = JSON.stringify(await Promise.all(connectionIds.map((id) => connectionAuditEvents(id))));
  expect(all).toContain(shown.page);
  expect(events).toContain(shown.event);
  for (const value of secrets) {
    expect(all.includes(value), "private key or PKCS#12 password in a response").toBe(false);
    expect(events.includes(value), "private key or PKCS#12 password in an audit event").toBe(false);
    expect(rawFilesInclude(value), "private key or PKCS#12 password in the database or log").toBe(false);
  }
}

test("[CONNECTIONS][MTLS] tls_client_auth, client credentials: a PEM certificate from the provider's CA, a bound token for a bot, untrusted and expired certificates diagnosed, no key leaked", async ({
  page,
}) => {
  const { bodies, ca } = await watchResponsesWithCa(page);
  const pem = await ca.issueClientCertificate(SUBJECT);

  const name = uniqueConnectionName("mTLS CC");
  await fillMtlsWizardToReview(page, mtlsConnection(name, "Client Credentials", "tls_client_auth"), (p) =>
    uploadCertificatePem(p, pem, SUBJECT),
  );
  const id = await saveAndTest(page, false);
  await expectCertificateBound(page, thumbprintOf(pem.certificatePem));
  expect(await botTokenThumbprint(page, name, id)).toBe(thumbprintOf(pem.certificatePem));

  // The provider trusts only its CA, and no one accepts an expired certificate. oidc-provider answers a
  // bare "client authentication failed", so the diagnosis names the untrusted issuer among the causes.
  const untrusted = await (await createTestCertificateAuthority("CN=Untrusted E2E CA")).issueClientCertificate(SUBJECT);
  const expired = await ca.issueClientCertificate(SUBJECT, -2);
  await testWithCertificate(page, id, untrusted, "Client certificate refused", /provider trusts the certificate's CA/);
  await expect(page.getByText(/issued by CN=Untrusted E2E CA\): it does not trust the issuer/)).toBeVisible();
  await testWithCertificate(page, id, expired, "Client certificate expired", /Generate or upload a new certificate/);

  const keys = [pem, untrusted, expired].flatMap((c) => pemLines(c.privateKeyPem));
  const thumbprint = thumbprintOf(expired.certificatePem);
  await expectNoLeak(page, bodies, [id], keys, { page: thumbprint, event: thumbprint });
});

test("[CONNECTIONS][MTLS] tls_client_auth, authorization code: a PKCS#12 file with its password, a bound token, neither key nor password leaked", async ({
  page,
}) => {
  const { bodies, ca } = await watchResponsesWithCa(page);
  const password = `p12-${crypto.randomBytes(9).toString("base64url")}`;
  const p12 = await ca.issueClientCertificate(SUBJECT);
  const name = uniqueConnectionName("mTLS code");
  await fillMtlsWizardToReview(page, mtlsConnection(name, "Authorization Code", "tls_client_auth"), (p) =>
    uploadCertificatePkcs12(p, pkcs12Of(p12, ca.certificatePem, password), password, SUBJECT),
  );
  const id = await saveAndTest(page, true);
  const thumbprint = thumbprintOf(p12.certificatePem);
  await expectCertificateBound(page, thumbprint);
  await expectNoLeak(page, bodies, [id], [password, ...pemLines(p12.privateKeyPem)], { page: name, event: thumbprint });
});

test("[CONNECTIONS][MTLS] self_signed_tls_client_auth: certificates the console generates, registered through its JWKS, bound tokens", async ({
  page,
}) => {
  const name = uniqueConnectionName("mTLS self-signed CC");
  const { clientId } = TEST_CLIENTS.mtlsSelfSigned;
  let thumbprint = "";
  await fillMtlsWizardToReview(
    page,
    mtlsConnection(name, "Client Credentials", "self_signed_tls_client_auth"),
    async (p) => (thumbprint = await generateCertificate(p)),
  );
  // The admin gives the provider the console's JWKS: the certificate as x5c, no private member.
  const jwks = await registerDraftJwks(page, clientId);
  expect(jwks.keys).toEqual([expect.objectContaining({ "x5t#S256": thumbprint, x5c: [expect.any(String)] })]);
  for (const member of ["d", "p", "q"]) expect(jwks.keys[0]).not.toHaveProperty(member);
  await saveAndTest(page, false);
  await expectCertificateBound(page, thumbprint);

  const codeName = uniqueConnectionName("mTLS self-signed code");
  await fillMtlsWizardToReview(
    page,
    mtlsConnection(codeName, "Authorization Code", "self_signed_tls_client_auth"),
    async (p) => (thumbprint = await generateCertificate(p)),
  );
  await registerDraftJwks(page, clientId);
  const codeId = await saveAndTest(page, true);
  await expectCertificateBound(page, thumbprint);
  expect(await botTokenThumbprint(page, codeName, codeId)).toBe(thumbprint);
});
