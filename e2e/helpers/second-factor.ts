/** The account page's authenticator app and the sign-in's code step, by their labels. */
import { expect, type Page } from "@playwright/test";
import { totpCodeAt } from "../../lib/auth/totp";
import { fillSignIn, type Credentials } from "./auth";

/**
 * A code the app would show for the next time step: the sign-in accepts one step of drift, and a
 * code of a step already used (the enrolment's) is never accepted again (RFC 6238 §5.2).
 */
export function nextTotpCode(secret: string): string {
  return totpCodeAt(secret, new Date(Date.now() + 30_000));
}

export function currentTotpCode(secret: string): string {
  return totpCodeAt(secret, new Date());
}

export const account = {
  setUpButton: (page: Page) => page.getByRole("button", { name: "Set up authenticator app" }),
  setupKey: (page: Page) => page.getByLabel("Setup key"),
  qrCode: (page: Page) => page.getByRole("img", { name: "QR code for your authenticator app" }),
  codeField: (page: Page) => page.getByLabel("Code from the app"),
  turnOn: (page: Page) => page.getByRole("button", { name: "Turn on" }),
  recoveryCodes: (page: Page) => page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem"),
  savedButton: (page: Page) => page.getByRole("button", { name: "I saved my recovery codes" }),
};

/** From the console: opens the account page and turns an authenticator app on; its secret and recovery codes. */
export async function enrolAuthenticatorApp(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.getByRole("link", { name: "Account" }).click();
  await account.setUpButton(page).click();
  await expect(account.qrCode(page)).toBeVisible();
  const secret = await account.setupKey(page).inputValue();
  await account.codeField(page).fill(currentTotpCode(secret));
  await account.turnOn(page).click();
  await expect(account.recoveryCodes(page)).toHaveCount(10);
  const recoveryCodes = (await account.recoveryCodes(page).allTextContents()).map((c) => c.trim());
  await account.savedButton(page).click();
  await expect(page.getByText("Authenticator app: on")).toBeVisible();
  return { secret, recoveryCodes };
}

export function codeStepField(page: Page) {
  return page.getByLabel("Authentication code");
}

/** Email and password on the sign-in page, up to the code step. */
export async function signInUpToCode(page: Page, credentials: Credentials): Promise<void> {
  await page.goto("/login");
  await fillSignIn(page, credentials);
  await expect(codeStepField(page)).toBeVisible();
}

export async function enterCode(page: Page, code: string): Promise<void> {
  await codeStepField(page).fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

/** A code that must be refused: returns once the refusal came back (the form clears the code). */
export async function enterRefusedCode(page: Page, code: string): Promise<void> {
  await enterCode(page, code);
  await expect(codeStepField(page)).toHaveValue("");
  await expect(page.getByRole("button", { name: "Verify" })).toBeEnabled();
}

/**
 * Chromium's virtual authenticator (CDP WebAuthn domain) for the page's browser: a platform
 * authenticator that verifies the user and answers without a prompt.
 */
export async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    credentialCount: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials.length,
  };
}

export const passkeys = {
  addButton: (page: Page) => page.getByRole("button", { name: "Add a passkey" }),
  list: (page: Page) => page.getByRole("list", { name: "Your passkeys" }).getByRole("listitem"),
  useButton: (page: Page) => page.getByRole("button", { name: "Use a passkey" }),
};
