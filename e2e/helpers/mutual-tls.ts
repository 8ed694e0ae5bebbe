/**
 * Mutual TLS client authentication (RFC 8705) in the browser: the Client certificate panel
 * (wizard and edit form), certificates from the e2e test CA (written by e2e/support/oidc-server.ts),
 * PKCS#12 files as OpenSSL writes them, and the result's certificate binding.
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { E2E } from "../support/env";
import { TEST_CLIENTS } from "../support/oidc-clients";
import {
  loadTestCertificateAuthority,
  type IssuedCertificate,
  type TestCertificateAuthority,
} from "../../lib/testing/test-pki";
import {
  clickNextTo,
  fillClient,
  fillEndpoints,
  openWizardAtEndpoints,
  type GrantLabel,
  type WizardConnection,
} from "./connection-wizard";
import { apiKeysPage, createApiKeyInBrowser, requestToken } from "./api-keys";

/** The CA the authorization server's mutual-TLS listener trusts (and the console, through OUTBOUND_EXTRA_CA_FILE). */
export async function e2eCertificateAuthority(): Promise<TestCertificateAuthority> {
  return loadTestCertificateAuthority(JSON.parse(fs.readFileSync(E2E.mtlsCaFile, "utf8")) as IssuedCertificate);
}

/** A connection of a mutual-TLS test client: token requests go to the provider's HTTPS listener. */
export function mtlsConnection(
  name: string,
  grant: GrantLabel,
  method: "tls_client_auth" | "self_signed_tls_client_auth",
): WizardConnection {
  const client = method === "tls_client_auth" ? TEST_CLIENTS.mtlsCa : TEST_CLIENTS.mtlsSelfSigned;
  return {
    name,
    grant,
    clientId: client.clientId,
    clientAuth: method,
    endpoints: { tokenUrl: `${E2E.mtlsOrigin}/token` },
    scopes: "api:read",
    // A resource makes the test server issue JWT access tokens, whose cnf shows the binding (RFC 8705 §3.1).
    resource: "urn:handshake:e2e-api",
  };
}

/** The Client certificate panel (wizard's Client step and the edit form). */
export const clientCertificate = {
  panel: (page: Page) => page.getByRole("region", { name: "Client certificate" }),
  source: (page: Page) => clientCertificate.panel(page).getByLabel("Certificate source"),
  certificatePem: (page: Page) => clientCertificate.panel(page).getByLabel("Certificate (PEM)"),
  privateKey: (page: Page) => clientCertificate.panel(page).getByLabel("Private key (PEM)"),
  pkcs12File: (page: Page) => clientCertificate.panel(page).getByLabel("PKCS#12 file"),
  pkcs12Password: (page: Page) => clientCertificate.panel(page).getByLabel("PKCS#12 password"),
  upload: (page: Page) => clientCertificate.panel(page).getByRole("button", { name: "Upload certificate" }),
  generate: (page: Page) =>
    clientCertificate.panel(page).getByRole("button", { name: /^Generate a (new )?certificate$/ }),
  subject: (page: Page) => clientCertificate.panel(page).getByTestId("client-certificate-subject"),
  thumbprint: (page: Page) => page.getByTestId("client-certificate-thumbprint").first(),
  fieldError: (page: Page, label: string) =>
    clientCertificate.panel(page).getByLabel(label).locator("xpath=..").getByRole("alert"),
};

/** Pastes a certificate and its key, uploads them, and waits for the certificate's subject. */
export async function uploadCertificatePem(page: Page, issued: IssuedCertificate, subject: string): Promise<void> {
  await clientCertificate.source(page).selectOption("pem");
  await clientCertificate.certificatePem(page).fill(issued.certificatePem);
  await clientCertificate.privateKey(page).fill(issued.privateKeyPem);
  await clientCertificate.upload(page).click();
  await expect(clientCertificate.subject(page)).toHaveText(subject);
  await expect(clientCertificate.privateKey(page)).toHaveValue("");
}

/** The certificate, its key and the CA as a PKCS#12 file protected by `password` (OpenSSL 3 defaults: AES-256). */
export function pkcs12Of(issued: IssuedCertificate, caPem: string, password: string): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-p12-"));
  try {
    fs.writeFileSync(path.join(dir, "cert.pem"), issued.certificatePem);
    fs.writeFileSync(path.join(dir, "key.pem"), issued.privateKeyPem);
    fs.writeFileSync(path.join(dir, "ca.pem"), caPem);
    const out = path.join(dir, "client.p12");
    execFileSync("openssl", [
      "pkcs12",
      "-export",
      ...["-in", path.join(dir, "cert.pem"), "-inkey", path.join(dir, "key.pem")],
      ...["-certfile", path.join(dir, "ca.pem"), "-passout", `pass:${password}`, "-out", out],
    ]);
    return fs.readFileSync(out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Chooses a .p12 file, types its password, uploads, and waits for the certificate's subject. */
export async function uploadCertificatePkcs12(page: Page, file: Buffer, password: string, subject: string) {
  await clientCertificate.source(page).selectOption("pkcs12");
  await clientCertificate.pkcs12File(page).setInputFiles({
    name: "client.p12",
    mimeType: "application/x-pkcs12",
    buffer: file,
  });
  await clientCertificate.pkcs12Password(page).fill(password);
  await clientCertificate.upload(page).click();
  await expect(clientCertificate.subject(page)).toHaveText(subject);
  await expect(clientCertificate.pkcs12Password(page)).toHaveValue("");
}

/** Has the console generate a self-signed certificate (its key stays on the server) and returns its thumbprint. */
export async function generateCertificate(page: Page): Promise<string> {
  await clientCertificate.source(page).selectOption("generate");
  await clientCertificate.generate(page).click();
  await expect(clientCertificate.thumbprint(page)).toHaveText(/^[\w-]{43}$/);
  return (await clientCertificate.thumbprint(page).textContent())!.trim();
}

/** The result's "Certificate binding": the token's cnf.x5t#S256 is the certificate's thumbprint. */
export async function expectCertificateBound(page: Page, thumbprint: string): Promise<void> {
  await expect(page.getByRole("region", { name: "Token checks" })).toContainText(
    `cnf.x5t#S256 matches the client certificate (${thumbprint})`,
  );
}

/** The thumbprint (x5t#S256) of a certificate: SHA-256 of its DER, base64url (RFC 8705 §3.1). */
export function thumbprintOf(certificatePem: string): string {
  return crypto.createHash("sha256").update(new crypto.X509Certificate(certificatePem).raw).digest("base64url");
}

/** Drives the wizard to Review; on the Client step `storeCertificate` generates or uploads the certificate. */
export async function fillMtlsWizardToReview(
  page: Page,
  connection: WizardConnection,
  storeCertificate: (page: Page) => Promise<unknown>,
): Promise<void> {
  await openWizardAtEndpoints(page, connection);
  await fillEndpoints(page, connection);
  await clickNextTo(page, "Client");
  await fillClient(page, connection);
  await storeCertificate(page);
  await clickNextTo(page, "Tokens");
  await clickNextTo(page, "Review");
}

/** A bot's token from the token API (an API key made in the browser): its cnf.x5t#S256 claim. */
export async function botTokenThumbprint(page: Page, connectionName: string, connectionId: string): Promise<string> {
  await apiKeysPage.navLink(page).click();
  await createApiKeyInBrowser(page, `mTLS bot ${connectionId}`, connectionName);
  const apiKey = (await apiKeysPage.newKey(page).textContent())!.trim();
  const token = await requestToken(apiKey, connectionId);
  expect(token.status).toBe(200);
  const claims = JSON.parse(Buffer.from(String(token.body.access_token).split(".")[1]!, "base64url").toString()) as {
    cnf?: Record<string, string>;
  };
  return claims.cnf?.["x5t#S256"] ?? "no cnf.x5t#S256";
}
