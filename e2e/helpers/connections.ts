/** Selectors and steps for the connection pages (the create wizard: connection-wizard.ts). Specs describe scenarios; the locators live here. */
import { expect, type Locator, type Page } from "@playwright/test";
import { fieldLabel, type ConnectionFieldName } from "../../lib/connections/connection-fields";

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
