/**
 * Selectors and steps for the Audit and Inventory pages, plus the few things the audit specs
 * need around them (user changes through the Users page, parsed exports).
 */
import fs from "node:fs";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { createUser, signIn, type Credentials } from "./auth";

export type AuditFilterInput = { actor?: string; action?: string; connection?: string; from?: string; to?: string };
export type ExportedEvent = {
  seq: number;
  actorEmail: string | null;
  action: string;
  targetName: string | null;
  details: Record<string, unknown>;
};

/** Submits a GET filter form; the page has re-rendered once the URL holds the new query. */
async function applyAndWaitForNewUrl(page: Page, submit: Locator): Promise<void> {
  const before = page.url();
  await submit.click();
  await page.waitForURL((url) => url.href !== before);
}

export async function goToAudit(page: Page, query = ""): Promise<void> {
  await page.goto(`/audit${query ? `?${query}` : ""}`);
  await expect(page.getByRole("heading", { name: "Audit", level: 1 })).toBeVisible();
}

/** The two people of an audit story: an admin who makes changes in a browser context of their own, and an auditor. */
export async function openAdminAndAuditor(browser: Browser) {
  // A whole scenario through two sessions: longer than one page test, more so on a busy machine.
  test.setTimeout(180_000);
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  return { admin: createUser("ADMIN"), auditor: createUser("AUDITOR"), adminContext, adminPage };
}

/** Signs the auditor in, in a fresh browser context, and opens the Audit page (with `query`). */
export async function openAuditAs(browser: Browser, auditor: Credentials, query = ""): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, auditor);
  await goToAudit(page, query);
  return page;
}

/** From a connection's detail page, follows its "Audit history" link. */
export async function openConnectionAuditHistory(page: Page, connectionId: string): Promise<void> {
  await page.goto(`/connections/${connectionId}`);
  await page.getByRole("main").getByRole("link", { name: "Audit history" }).click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?connection=${connectionId}$`));
  await expect(page.getByTestId("audit-connection-scope")).toBeVisible();
}

/** Fills the filter form (empty strings clear a field) and applies it. */
export async function filterAudit(page: Page, filter: AuditFilterInput): Promise<void> {
  const form = page.getByRole("form", { name: "Filter audit events" });
  if (filter.actor !== undefined) await form.getByLabel("Actor", { exact: true }).fill(filter.actor);
  if (filter.action !== undefined) await form.getByLabel("Action", { exact: true }).selectOption(filter.action);
  if (filter.connection !== undefined) await form.getByLabel("Connection", { exact: true }).fill(filter.connection);
  if (filter.from !== undefined) await form.getByLabel("From", { exact: true }).fill(filter.from);
  if (filter.to !== undefined) await form.getByLabel("To", { exact: true }).fill(filter.to);
  await applyAndWaitForNewUrl(page, form.getByRole("button", { name: "Apply filters" }));
}

export function auditRows(page: Page): Locator {
  return page.getByTestId("audit-row");
}

export function auditRowsFor(page: Page, action: string): Locator {
  return page.locator(`[data-testid="audit-row"][data-action="${action}"]`);
}

export async function auditRowSeqs(page: Page): Promise<number[]> {
  return (await auditRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute("data-seq")))).map(Number);
}

export function auditRowActor(row: Locator): Locator {
  return row.getByTestId("audit-actor");
}

/** Expands a row and returns its details panel. */
export async function expandAuditRow(page: Page, row: Locator): Promise<Locator> {
  const seq = await row.getAttribute("data-seq");
  await row.getByRole("button", { name: `Show details of event #${seq}` }).click();
  const details = page.locator(`#audit-event-${seq}-details`);
  await expect(details).toBeVisible();
  return details;
}

/** A diff row by the field's label, as the form shows it. */
export function diffRow(details: Locator, label: string): Locator {
  return details
    .getByTestId("diff-row")
    .filter({ has: details.page().getByRole("rowheader", { name: label, exact: true }) });
}

/** Clicks an export link and returns the downloaded file's text. */
export async function downloadExport(page: Page, linkName: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: linkName }).click(),
  ]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: fs.readFileSync(file, "utf8") };
}

export const exportAuditCsv = (page: Page) => downloadExport(page, "Export CSV");
export const exportAuditJsonLines = (page: Page) => downloadExport(page, "Export JSON Lines");

/** Exports the Audit page's events as CSV, then as JSON Lines: both files and what they parse to. */
export async function exportAuditBothWays(page: Page) {
  const csv = await exportAuditCsv(page);
  const jsonl = await exportAuditJsonLines(page);
  return { csv, csvRecords: parseCsv(csv.text), jsonl, events: parseJsonLines(jsonl.text) };
}

export async function verifyIntegrity(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "Verify integrity" }).click();
  const result = page.getByTestId("integrity-result");
  await expect(result).toBeVisible({ timeout: 30_000 });
  return result;
}

export function auditFilterError(page: Page): Locator {
  return page.getByTestId("audit-filter-error");
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 1;
    } else field += c;
  }
  if (field || record.length > 0) records.push([...record, field]);
  return records;
}

export function parseJsonLines(text: string): ExportedEvent[] {
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ExportedEvent);
}

// Users page steps the audited admin performs.

export async function addUserThroughUi(page: Page, email: string, role: "ADMIN" | "AUDITOR"): Promise<string> {
  await page.goto("/users");
  await page.getByRole("button", { name: "Add user" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Create user" }).click();
  const password = (await page.getByTestId("one-time-password").textContent())!.trim();
  await page.keyboard.press("Escape");
  return password;
}

const confirmDialog = (page: Page) => page.getByRole("dialog");

export async function changeRoleThroughUi(page: Page, email: string, role: "ADMIN" | "AUDITOR"): Promise<void> {
  await page.getByLabel(`Role of ${email}`).selectOption(role);
  await expect(confirmDialog(page)).toContainText(`Make ${email} ${role === "ADMIN" ? "an Admin" : "an Auditor"}?`);
  await confirmDialog(page).getByRole("button", { name: "Change role" }).click();
  await expect(page.getByText("Role changed.")).toBeVisible();
}

export async function disableUserThroughUi(page: Page, email: string): Promise<void> {
  await page.getByRole("button", { name: `Disable ${email}` }).click();
  await expect(confirmDialog(page)).toContainText(`Disable ${email}?`);
  await confirmDialog(page).getByRole("button", { name: "Disable user" }).click();
  await expect(page.getByRole("button", { name: `Enable ${email}` })).toBeVisible();
}

export async function resetPasswordThroughUi(page: Page, email: string): Promise<string> {
  await page.getByTestId("user-row").filter({ hasText: email }).getByRole("button", { name: "Reset password" }).click();
  await expect(confirmDialog(page)).toContainText(`Reset the password of ${email}?`);
  await confirmDialog(page).getByRole("button", { name: "Reset password" }).click();
  const password = (await page.getByTestId("one-time-password").textContent())!.trim();
  await page.keyboard.press("Escape");
  return password;
}

/** Starts a role change, a Disable and a Reset password on `email` and backs out of each: nothing changes. */
export async function cancelUserChangesThroughUi(page: Page, email: string): Promise<void> {
  const role = page.getByLabel(`Role of ${email}`);
  const before = await role.inputValue();
  await role.selectOption(before === "ADMIN" ? "AUDITOR" : "ADMIN");
  await expect(confirmDialog(page)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(confirmDialog(page)).toHaveCount(0);
  await expect(role).toHaveValue(before);

  await page.getByRole("button", { name: `Disable ${email}` }).click();
  await confirmDialog(page).getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("button", { name: `Disable ${email}` })).toBeVisible();

  await page.getByTestId("user-row").filter({ hasText: email }).getByRole("button", { name: "Reset password" }).click();
  await confirmDialog(page).getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("one-time-password")).toHaveCount(0);
}

// Inventory.

export async function goToInventory(page: Page, query = ""): Promise<void> {
  await page.goto(`/inventory${query ? `?${query}` : ""}`);
  await expect(page.getByRole("heading", { name: "Inventory", level: 1 })).toBeVisible();
}

export async function filterInventory(
  page: Page,
  filter: {
    name?: string;
    stale?: boolean;
    failing?: boolean;
    tokenExpired?: boolean;
    secretOlderThan?: string;
    expiresWithin?: string;
    sort?: string;
  },
): Promise<void> {
  const form = page.getByRole("form", { name: "Filter connections" });
  if (filter.name !== undefined) await form.getByLabel("Name contains").fill(filter.name);
  if (filter.secretOlderThan !== undefined)
    await form.getByLabel("Secret older than (days)").fill(filter.secretOlderThan);
  if (filter.expiresWithin !== undefined)
    await form.getByLabel("Secret or certificate expires within (days)").fill(filter.expiresWithin);
  if (filter.sort !== undefined) await form.getByLabel("Sort by").selectOption(filter.sort);
  if (filter.stale !== undefined) await form.getByLabel("Not tested in 30 days").setChecked(filter.stale);
  if (filter.failing !== undefined) await form.getByLabel("Failing").setChecked(filter.failing);
  if (filter.tokenExpired !== undefined) await form.getByLabel("Token expired").setChecked(filter.tokenExpired);
  await applyAndWaitForNewUrl(page, form.getByRole("button", { name: "Apply" }));
}

/** Names of the listed connections; use with expect.poll, the list re-renders after a filter. */
export async function inventoryNames(page: Page): Promise<string[]> {
  return page.getByTestId("inventory-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-name") ?? ""));
}

/** Opens the inventory filtered to names containing `text` and waits until it lists exactly `names`, in order. */
export async function openInventoryFiltered(page: Page, text: string, names: string[]): Promise<void> {
  await goToInventory(page);
  await filterInventory(page, { name: text });
  await expect.poll(() => inventoryNames(page)).toEqual(names);
}

/** The inventory row of the connection whose name contains `text`. */
export function inventoryRow(page: Page, text: string): Locator {
  return page.getByTestId("inventory-row").filter({ hasText: text });
}

/** The "Expires" cell of an inventory row: the first expiring credential's date and name, within 30 days a badge. */
export function inventoryExpires(row: Locator): Locator {
  return row.getByTestId("inventory-expires");
}

/** The target cell's link of an audit row (a connection or user it points to). */
export function auditRowTargetLink(row: Locator): Locator {
  return row.getByRole("link");
}
