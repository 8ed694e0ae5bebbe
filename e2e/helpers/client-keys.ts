/** Selectors and steps for private_key_jwt keys: the Client step's Private key panel and the public JWKS. */
import { expect, type Page } from "@playwright/test";
import { E2E } from "../support/env";
import { createTestKeyCertificate } from "../../lib/testing/test-certificate";

/** private_key_jwt on the Client step: generates a key pair on the server and waits for its kid. */
export async function generateKeyPair(page: Page, algorithm: "ES256" | "RS256" | "PS256"): Promise<void> {
  await clientKey.algorithm(page).selectOption(algorithm);
  await clientKey.generate(page).click();
  await expect(clientKey.status(page)).toContainText(`Key stored: kid`);
  await expect(clientKey.status(page)).toContainText(`(${algorithm})`);
}

/**
 * Registers the wizard draft's public key set at the test authorization server for `clientId`, as
 * an admin registers the JWKS URL at a provider: fetched from the console's public JWKS route.
 */
export async function registerDraftJwks(page: Page, clientId: string): Promise<{ keys: Record<string, string>[] }> {
  const draftId = new URL(page.url()).searchParams.get("draft");
  expect(draftId).toBeTruthy();
  return registerConnectionJwks(draftId!, clientId);
}

/** The connection's JWKS as a provider fetches it: no session or API key, cacheable. */
export async function fetchConnectionJwks(connectionId: string): Promise<{ keys: Record<string, string>[] }> {
  const response = await fetch(`${E2E.appUrl}/api/v1/connections/${connectionId}/jwks.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("public, max-age=300");
  return (await response.json()) as { keys: Record<string, string>[] };
}

/** Registers the connection's JWKS at the test server for `clientId` (which then fetches it again). */
export async function registerConnectionJwks(
  connectionId: string,
  clientId: string,
): Promise<{ keys: Record<string, string>[] }> {
  const jwks = await fetchConnectionJwks(connectionId);
  const registered = await fetch(`${E2E.oidcIssuer}/__test__/client-jwks/${clientId}`, {
    method: "PUT",
    body: JSON.stringify(jwks),
    headers: { "content-type": "application/json" },
  });
  expect(registered.status).toBe(204);
  return jwks;
}

/** The Key rotation card on a private_key_jwt connection's page. */
export const keyRotation = {
  card: (page: Page) => page.getByRole("region", { name: "Key rotation" }),
  algorithm: (page: Page) => keyRotation.card(page).getByLabel("Key algorithm"),
  prepare: (page: Page) => keyRotation.card(page).getByRole("button", { name: "Prepare new key" }),
  nextKey: (page: Page) => keyRotation.card(page).getByRole("region", { name: "New key" }),
  test: (page: Page) => keyRotation.card(page).getByRole("button", { name: "Test with new key" }),
  grace: (page: Page) => keyRotation.card(page).getByLabel("Keep the old key in the JWKS for"),
  switchKey: (page: Page) => keyRotation.card(page).getByRole("button", { name: "Switch to new key" }),
  refusal: (page: Page) => keyRotation.card(page).getByRole("alert"),
  oldKey: (page: Page) => keyRotation.card(page).getByRole("region", { name: "Old key" }),
  retire: (page: Page) => keyRotation.card(page).getByRole("button", { name: "Retire old key now" }),
};

/** private_key_jwt on the Client step: imports a new private key with a certificate valid until `notAfter`. */
export async function importKeyWithCertificate(page: Page, notAfter: Date): Promise<void> {
  const imported = await createTestKeyCertificate({ notAfter });
  await clientKey.source(page).selectOption("import");
  await clientKey.privateKey(page).fill(imported.privateKeyPem);
  await clientKey.certificate(page).fill(imported.certificatePem);
  await clientKey.importKey(page).click();
  await expect(clientKey.status(page)).toContainText("with certificate");
}

/** private_key_jwt on the Client step: imports an existing private key (PEM or JWK) and waits for its kid. */
export async function importPrivateKey(page: Page, key: string, algorithm: "ES256" | "RS256" | "PS256"): Promise<void> {
  await clientKey.source(page).selectOption("import");
  await clientKey.algorithm(page).selectOption(algorithm);
  await clientKey.privateKey(page).fill(key);
  await clientKey.importKey(page).click();
  await expect(clientKey.status(page)).toContainText(`Key stored: kid`);
}

/** The Private key panel of the Client step (private_key_jwt). */
export const clientKey = {
  panel: (page: Page) => page.getByRole("region", { name: "Private key" }),
  source: (page: Page) => page.getByLabel("Key source"),
  algorithm: (page: Page) => page.getByLabel("Key algorithm"),
  privateKey: (page: Page) => page.getByLabel("Private key (PEM or JWK)"),
  certificate: (page: Page) => page.getByLabel("Certificate (PEM)"),
  generate: (page: Page) => page.getByRole("button", { name: /^Generate a (new )?key pair$/ }),
  importKey: (page: Page) => page.getByRole("button", { name: "Import private key" }),
  status: (page: Page) => clientKey.panel(page).getByText(/^(Key stored|No key yet)/),
};
