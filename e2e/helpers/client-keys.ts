/** Selectors and steps for private_key_jwt keys: the Client step's Private key panel and the public JWKS. */
import { expect, type Page } from "@playwright/test";
import { E2E } from "../support/env";

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
  // Without the browser's cookies: providers fetch it with no session or API key.
  const response = await fetch(`${E2E.appUrl}/api/v1/connections/${draftId}/jwks.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("public, max-age=300");
  const jwks = (await response.json()) as { keys: Record<string, string>[] };
  const registered = await fetch(`${E2E.oidcIssuer}/__test__/client-jwks/${clientId}`, {
    method: "PUT",
    body: JSON.stringify(jwks),
    headers: { "content-type": "application/json" },
  });
  expect(registered.status).toBe(204);
  return jwks;
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
  generate: (page: Page) => page.getByRole("button", { name: /^Generate a (new )?key pair$/ }),
  importKey: (page: Page) => page.getByRole("button", { name: "Import private key" }),
  status: (page: Page) => clientKey.panel(page).getByText(/^(Key stored|No key yet)/),
};
