/** Selectors and steps for the create-connection wizard, and the test server's clients as an admin enters them. */
import { expect, type Page } from "@playwright/test";
import { E2E } from "../support/env";
import { TEST_CLIENTS } from "../support/oidc-clients";
import { generateKeyPair, importKeyWithCertificate } from "./client-keys";
import { field, uniqueConnectionName } from "./connections";

export const OIDC_ENDPOINTS = {
  issuer: E2E.oidcIssuer,
  authorizationUrl: `${E2E.oidcIssuer}/auth`,
  tokenUrl: `${E2E.oidcIssuer}/token`,
  userinfoUrl: `${E2E.oidcIssuer}/me`,
  revocationUrl: `${E2E.oidcIssuer}/token/revocation`,
  jwksUrl: `${E2E.oidcIssuer}/jwks`,
} as const;

export type GrantLabel = "Client Credentials" | "Authorization Code" | "Authorization Code with PKCE";

export type WizardConnection = {
  name: string;
  description?: string;
  grant: GrantLabel;
  endpoints?: Partial<Record<keyof typeof OIDC_ENDPOINTS, string>>;
  clientId: string;
  clientSecret?: string;
  /** "Secret expires on", YYYY-MM-DD. */
  secretExpiresOn?: string;
  clientAuth?:
    | "client_secret_basic"
    | "client_secret_post"
    | "client_secret_jwt"
    | "private_key_jwt"
    | "tls_client_auth"
    | "self_signed_tls_client_auth"
    | "none";
  /** private_key_jwt: the key pair the console generates on the Client step. */
  keyAlgorithm?: "ES256" | "RS256" | "PS256";
  /** private_key_jwt: import a key with a certificate valid until then, instead of generating one. */
  keyCertificateNotAfter?: Date;
  assertionAudience?: "issuer" | "token_endpoint";
  scopes?: string;
  /** RFC 8707 resource indicator (the test server then issues JWT access tokens). */
  resource?: string;
  authParams?: { key: string; value: string }[];
  tokenParams?: { key: string; value: string }[];
  tokenSharing?: "Shared" | "Per user";
  checkSchedule?: "Off" | "Hourly" | "Daily";
};

/** The test server's clients as an admin enters them in the wizard's Grant and Client steps. */
export const WIZARD_CLIENTS = {
  clientCredentialsBasic: { grant: "Client Credentials", ...TEST_CLIENTS.clientCredentialsBasic },
  clientCredentialsPost: {
    grant: "Client Credentials",
    ...TEST_CLIENTS.clientCredentialsPost,
    clientAuth: "client_secret_post",
  },
  clientCredentialsJwt: {
    grant: "Client Credentials",
    ...TEST_CLIENTS.clientCredentialsJwt,
    clientAuth: "client_secret_jwt",
  },
  clientCredentialsPrivateKey: {
    grant: "Client Credentials",
    ...TEST_CLIENTS.clientCredentialsPrivateKey,
    clientAuth: "private_key_jwt",
    keyAlgorithm: "ES256",
  },
  web: { grant: "Authorization Code", ...TEST_CLIENTS.web },
} as const satisfies Record<string, Omit<WizardConnection, "name">>;

/** The web client asking for a refresh token: oidc-provider grants offline_access only when consent is prompted. */
export const WIZARD_WEB_CLIENT_OFFLINE = {
  ...WIZARD_CLIENTS.web,
  scopes: "openid email offline_access",
  authParams: [{ key: "prompt", value: "consent" }],
} as const satisfies Omit<WizardConnection, "name">;

export const wizard = {
  step: (page: Page, title: string) => page.getByRole("form", { name: title, exact: true }),
  /** The compact progress bar that replaces the step list on a phone. */
  progress: (page: Page) => page.getByTestId("wizard-progress"),
  next: (page: Page) => page.getByRole("button", { name: "Next", exact: true }),
  back: (page: Page) => page.getByRole("button", { name: "Back", exact: true }),
  /** A step in the step list that the draft has reached: a link back (or forward) to it. */
  stepLink: (page: Page, title: string) =>
    page.getByRole("navigation", { name: "Wizard steps" }).getByRole("link", { name: title, exact: true }),
  save: (page: Page) => page.getByRole("button", { name: "Save", exact: true }),
  saveAndTest: (page: Page) => page.getByRole("button", { name: "Save and test connection" }),
  importDiscovery: (page: Page) => page.getByRole("button", { name: "Import from discovery" }),
  /** The offer to import from where the discovery document moved (another origin). */
  useMovedDiscovery: (page: Page, location: string) =>
    page.getByRole("button", { name: `Use ${location}`, exact: true }),
  grantType: (page: Page, label: GrantLabel) =>
    page.getByRole("radiogroup", { name: "Grant type" }).getByRole("radio", { name: label, exact: true }),
  tokenSharing: (page: Page, label: "Shared" | "Per user") =>
    page.getByRole("radiogroup", { name: "Token sharing" }).getByRole("radio", { name: label, exact: true }),
  scopeChips: (page: Page) => page.getByTestId("scope-chip"),
  /** The Client authentication choices offered under one group (what the methods need: a secret, nothing…). */
  clientAuthGroup: (page: Page, group: string) =>
    page.getByLabel("Client authentication").locator(`optgroup[label="${group}"] > option`),
  paramGroup: (page: Page, legend: "Additional authorization parameters" | "Additional token parameters") =>
    page.getByRole("group", { name: legend }),
  /** The error message under a field (the Field component puts label, control and error side by side). */
  fieldError: (page: Page, label: string) => page.getByLabel(label).locator("xpath=..").getByRole("alert"),
};

export async function goToNewConnection(page: Page): Promise<void> {
  await page.goto("/connections/new");
  await expect(wizard.step(page, "Connection settings")).toBeVisible();
}

/**
 * Holds the app's scripts until released, so a test can act on the server's HTML before hydration.
 * Stylesheets pass: holding them would block the inline scripts that reveal streamed content.
 */
export async function holdPageScripts(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_next\/static\/chunks\/.*\.js(\?|$)/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

export async function expectStep(page: Page, title: string): Promise<void> {
  await expect(wizard.step(page, title)).toBeVisible();
}

export async function clickNextTo(page: Page, title: string): Promise<void> {
  await wizard.next(page).click();
  await expectStep(page, title);
}

export async function addParameters(
  page: Page,
  legend: "Additional authorization parameters" | "Additional token parameters",
  rows: { key: string; value: string }[],
) {
  const group = wizard.paramGroup(page, legend);
  for (const row of rows) {
    await group.getByRole("button", { name: /^Add .* parameter$/ }).click();
    await group
      .getByLabel(/^Parameter name \d+$/)
      .last()
      .fill(row.key);
    await group
      .getByLabel(/^Parameter value \d+$/)
      .last()
      .fill(row.value);
  }
}

/** The wizard's first two steps, from the first: the name (and description), then the grant. */
export async function nameAndChooseGrant(
  page: Page,
  connection: Pick<WizardConnection, "name" | "description" | "grant">,
): Promise<void> {
  await field(page, "name").fill(connection.name);
  if (connection.description) await field(page, "description").fill(connection.description);
  await clickNextTo(page, "Grant type");
  await wizard.grantType(page, connection.grant).click();
}

/** Opens a new connection's wizard, names it, chooses its grant and goes on to the Endpoints step. */
export async function openWizardAtEndpoints(
  page: Page,
  connection: Pick<WizardConnection, "name" | "description" | "grant">,
): Promise<void> {
  await goToNewConnection(page);
  await nameAndChooseGrant(page, connection);
  await clickNextTo(page, "Endpoints");
}

/** Fills the Endpoints step by hand from `endpoints` (defaults: the e2e authorization server). */
export async function fillEndpoints(page: Page, connection: WizardConnection): Promise<void> {
  const e = { ...OIDC_ENDPOINTS, ...connection.endpoints };
  await field(page, "issuer").fill(e.issuer);
  if (connection.grant !== "Client Credentials") await field(page, "authorizationUrl").fill(e.authorizationUrl);
  await field(page, "tokenUrl").fill(e.tokenUrl);
  await field(page, "userinfoUrl").fill(e.userinfoUrl);
  await field(page, "revocationUrl").fill(e.revocationUrl);
  await field(page, "jwksUrl").fill(e.jwksUrl);
}

/** Fills the Endpoints step from the e2e authorization server's discovery document (the import keeps its metadata). */
export async function importEndpointsFromDiscovery(page: Page): Promise<void> {
  await field(page, "issuer").fill(OIDC_ENDPOINTS.issuer);
  await wizard.importDiscovery(page).click();
  await expect(page.getByTestId("discovery-status")).toContainText("/.well-known/openid-configuration");
  await expect(field(page, "authorizationUrl")).toHaveValue(OIDC_ENDPOINTS.authorizationUrl);
  await expect(field(page, "jwksUrl")).toHaveValue(OIDC_ENDPOINTS.jwksUrl);
}

export async function fillClient(page: Page, connection: WizardConnection): Promise<void> {
  await field(page, "clientId").fill(connection.clientId);
  await field(page, "clientAuthMethod").selectOption(connection.clientAuth ?? "client_secret_basic");
  if (connection.assertionAudience)
    await field(page, "clientAssertionAudience").selectOption(connection.assertionAudience);
  if (connection.clientSecret !== undefined) await field(page, "clientSecret").fill(connection.clientSecret);
  if (connection.secretExpiresOn) await field(page, "clientSecretExpiresOn").fill(connection.secretExpiresOn);
  if (connection.keyCertificateNotAfter) await importKeyWithCertificate(page, connection.keyCertificateNotAfter);
  else if (connection.keyAlgorithm) await generateKeyPair(page, connection.keyAlgorithm);
  if (connection.scopes) {
    await field(page, "scopes").fill(connection.scopes);
    await field(page, "scopes").press("Enter");
  }
  if (connection.resource) await field(page, "resource").fill(connection.resource);
  if (connection.authParams) await addParameters(page, "Additional authorization parameters", connection.authParams);
  if (connection.tokenParams) await addParameters(page, "Additional token parameters", connection.tokenParams);
}

type EndpointsStep = (page: Page) => Promise<void>;

/** Drives the wizard from the first step through a filled Client step, filling endpoints with `endpointsStep`. */
export async function fillWizardThroughClient(
  page: Page,
  connection: WizardConnection,
  endpointsStep: EndpointsStep,
): Promise<void> {
  await openWizardAtEndpoints(page, connection);
  await endpointsStep(page);
  await clickNextTo(page, "Client");
  await fillClient(page, connection);
}

/** Drives the wizard from the first step to Review, filling endpoints by hand unless `endpointsStep` does it. */
export async function fillWizardToReview(
  page: Page,
  connection: WizardConnection,
  endpointsStep: EndpointsStep = (p) => fillEndpoints(p, connection),
): Promise<void> {
  await fillWizardThroughClient(page, connection, endpointsStep);
  await clickNextTo(page, "Tokens");
  if (connection.tokenSharing) await wizard.tokenSharing(page, connection.tokenSharing).click();
  if (connection.checkSchedule) await field(page, "checkSchedule").selectOption({ label: connection.checkSchedule });
  await clickNextTo(page, "Review");
}

/** Saves the wizard at Review and returns the new connection's id (from the detail page URL). */
export async function saveWizardAndOpen(page: Page, name: string): Promise<string> {
  await wizard.save(page).click();
  // The Review step shows the name too: wait for the detail page's own URL, not only the heading.
  await page.waitForURL((url) => /^\/connections\/(?!new$)[a-z0-9]+$/.test(url.pathname));
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** Creates an active connection through the wizard and returns its id (from the detail page URL). */
export async function createConnectionThroughWizard(page: Page, connection: WizardConnection): Promise<string> {
  await fillWizardToReview(page, connection);
  return saveWizardAndOpen(page, connection.name);
}

/** Creates an active connection through the wizard, named uniquely after `label`: its id and name. */
export async function createNamedConnectionThroughWizard(
  page: Page,
  label: string,
  settings: Omit<WizardConnection, "name">,
): Promise<{ id: string; name: string }> {
  const name = uniqueConnectionName(label);
  return { id: await createConnectionThroughWizard(page, { name, ...settings }), name };
}
