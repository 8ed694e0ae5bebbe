/** Selectors and steps for the connection pages. Specs describe scenarios; the locators live here. */
import { expect, type Locator, type Page } from "@playwright/test";
import { fieldLabel, type ConnectionFieldName } from "../../lib/connections/connection-fields";
import { E2E } from "../support/env";
import { TEST_CLIENTS } from "../support/oidc-clients";
import { generateKeyPair, importKeyWithCertificate } from "./client-keys";

let counter = 0;

/** A connection name unique to this worker and run (3 to 64 characters). */
export function uniqueConnectionName(prefix: string): string {
  counter += 1;
  return `${prefix} ${process.pid.toString(36)}${Date.now().toString(36)}${counter}`.slice(0, 64);
}

/** A connection field's input (wizard or edit form), found by the label the field registry gives it. */
export function field(scope: Page | Locator, name: ConnectionFieldName): Locator {
  return scope.getByLabel(fieldLabel(name));
}

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
  publicPkce: { grant: "Authorization Code with PKCE", ...TEST_CLIENTS.publicPkce, clientAuth: "none" },
} as const satisfies Record<string, Omit<WizardConnection, "name">>;

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

/** Drives the wizard from the first step to Review, filling endpoints by hand unless `endpointsStep` does it. */
export async function fillWizardToReview(
  page: Page,
  connection: WizardConnection,
  endpointsStep: (page: Page) => Promise<void> = (p) => fillEndpoints(p, connection),
): Promise<void> {
  await goToNewConnection(page);
  await nameAndChooseGrant(page, connection);
  await clickNextTo(page, "Endpoints");
  await endpointsStep(page);
  await clickNextTo(page, "Client");
  await fillClient(page, connection);
  await clickNextTo(page, "Tokens");
  if (connection.tokenSharing) await wizard.tokenSharing(page, connection.tokenSharing).click();
  if (connection.checkSchedule) await field(page, "checkSchedule").selectOption({ label: connection.checkSchedule });
  await clickNextTo(page, "Review");
}

/** Saves the wizard at Review and returns the new connection's id (from the detail page URL). */
export async function saveWizardAndOpen(page: Page, name: string): Promise<string> {
  await wizard.save(page).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const id = new URL(page.url()).pathname.split("/").pop()!;
  expect(id).toMatch(/^[a-z0-9]+$/);
  return id;
}

/** Creates an active connection through the wizard and returns its id (from the detail page URL). */
export async function createConnectionThroughWizard(page: Page, connection: WizardConnection): Promise<string> {
  await fillWizardToReview(page, connection);
  return saveWizardAndOpen(page, connection.name);
}

export const detail = {
  /** The public half of a private_key_jwt key on the connection page. */
  publicKey: (page: Page) => page.getByRole("region", { name: "Public key" }),
  /** "Certificate expires on YYYY-MM-DD (in N days)", a warning from 30 days before. */
  certificateExpiry: (page: Page) => page.getByRole("status", { name: "Certificate expiry" }),
  summaryValue: (page: Page, label: string) =>
    page
      .getByTestId("connection-summary")
      .locator("dl > div")
      .filter({ has: page.getByRole("term").getByText(label, { exact: true }) })
      .getByRole("definition"),
  status: (page: Page) => page.getByTestId("connection-status").first(),
  /** The header's secondary action, a link. */
  actionButton: (page: Page, name: "Edit" | "Resume draft") =>
    page.getByRole("main").getByRole("link", { name, exact: true }),
  testButton: (page: Page) => page.getByRole("main").getByRole("button", { name: "Test connection" }),
  moreActions: (page: Page) => page.getByRole("main").getByRole("button", { name: "More actions" }),
  menuItem: (page: Page, name: MenuAction) => page.getByRole("menuitem", { name, exact: true }),
  /** Opens the header's "More actions" menu and chooses an item. */
  chooseAction: async (page: Page, name: MenuAction) => {
    await detail.moreActions(page).click();
    await detail.menuItem(page, name).click();
  },
  healthOverview: (page: Page) => page.getByTestId("health-overview"),
  /** The confirmation a Disable asks for before bots lose the connection. */
  confirmDisable: (page: Page) => page.getByRole("dialog").filter({ hasText: "Disable" }),
  confirmDisableButton: (page: Page) => detail.confirmDisable(page).getByRole("button", { name: "Disable connection" }),
  /** More actions, Disable, and yes. */
  disableConnection: async (page: Page) => {
    await detail.chooseAction(page, "Disable");
    await detail.confirmDisableButton(page).click();
  },
  disabledBanner: (page: Page) =>
    page.getByRole("main").getByRole("status").filter({ hasText: "This connection is disabled" }),
};

/** The edit form of an active connection. */
export const editForm = {
  open: (page: Page, connectionId: string) => page.goto(`/connections/${connectionId}/edit`),
  /** The warning shown before saving an edit that moves what issued the stored tokens. */
  tokenSetsMoved: (page: Page) => page.getByRole("status").filter({ hasText: "needs re-authorization" }),
  save: (page: Page) => page.getByRole("button", { name: "Save", exact: true }),
  /** The primary button once endpoints, client, authentication or scopes changed. */
  saveAndTest: (page: Page) => page.getByRole("button", { name: "Save and test", exact: true }),
  /** The promise next to Save and test, once a test has passed: bots keep the last tested configuration. */
  keptUntilTested: (page: Page) => page.getByTestId("untested-until-test"),
};

/** "Changed since the last successful test", on a failed result and the connection's Health card. */
export const untestedChanges = {
  notice: (page: Page) => page.getByTestId("untested-changes"),
  row: (page: Page, label: string) =>
    page
      .getByTestId("untested-changes")
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: label, exact: true }) }),
  revert: (page: Page, label: string) =>
    page.getByTestId("untested-changes").getByRole("button", { name: `Revert ${label}`, exact: true }),
};

/** A connection page's stored-token facts (the shared set). */
export const tokenStatus = (page: Page) => page.getByTestId("token-status");

/** The detail page's Health card. */
export const health = {
  /** Why the connection is Failing: diagnosis, trigger, when, and Test now. */
  problem: (page: Page) => page.getByTestId("health-problem"),
  testNow: (page: Page) => page.getByTestId("health-problem").getByRole("button", { name: "Test now" }),
};

export type MenuAction = "Rotate secret" | "Duplicate" | "Disable" | "Enable" | "Delete";

/** The controls on an active connection's page that change something: in its header, and in its "More actions" menu. */
const HEADER_CONTROLS = ["Edit", "Test connection", "More actions"] as const;
const MENU_CONTROLS = ["Rotate secret", "Duplicate", "Disable", "Delete"] as const satisfies readonly MenuAction[];

function mainControl(page: Page, name: string) {
  const main = page.getByRole("main");
  return main.getByRole("button", { name, exact: true }).or(main.getByRole("link", { name, exact: true }));
}

/**
 * Whether the list and an active connection's page offer the controls that change something. The
 * check that they are shown (to an admin) comes first, so the check that they are not (to an
 * auditor) cannot pass only because a control was renamed.
 */
export const mutatingControls = {
  expectShown: async (page: Page, connectionId: string) => {
    await page.goto("/connections");
    await expect(mainControl(page, "New connection")).toBeVisible();
    await page.goto(`/connections/${connectionId}`);
    for (const name of HEADER_CONTROLS) await expect(mainControl(page, name)).toBeVisible();
    await detail.moreActions(page).click();
    for (const name of MENU_CONTROLS) await expect(detail.menuItem(page, name)).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("menu")).toHaveCount(0);
  },
  expectNone: async (page: Page, connectionId: string) => {
    await page.goto("/connections");
    await expect(page.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
    await expect(mainControl(page, "New connection")).toHaveCount(0);
    await page.goto(`/connections/${connectionId}`);
    await expect(page.getByTestId("connection-summary")).toBeVisible();
    for (const name of [...HEADER_CONTROLS, ...MENU_CONTROLS]) await expect(mainControl(page, name)).toHaveCount(0);
    await expect(page.getByRole("menuitem")).toHaveCount(0);
  },
};

export const list = {
  row: (page: Page, name: string) =>
    page.getByTestId("connection-row").filter({ has: page.getByRole("link", { name, exact: true }) }),
  /** The row's "Secret expires in N days" / "Secret expired" badge. */
  secretExpiryBadge: (row: Locator) => row.getByText(/^Secret expire/),
  /** The row's "Certificate expires in N days" / "Certificate expired" badge. */
  certificateExpiryBadge: (row: Locator) => row.getByText(/^Certificate expire/),
  search: async (page: Page, text: string) => {
    await page.getByLabel("Search by name").fill(text);
    await page.getByRole("search", { name: "Filter connections" }).getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/[?&]q=/);
  },
};
