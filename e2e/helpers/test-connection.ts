/**
 * Selectors and steps for testing a connection: the tests page, the provider popup with
 * oidc-provider's built-in login and consent pages, and the result page.
 */
import { expect, type Page } from "@playwright/test";
import { copyWith } from "./clipboard";
import { connectionHealth } from "./seed-connection";
import { E2E } from "../support/env";

export async function openConnectionTests(page: Page, connectionId: string): Promise<void> {
  await page.goto(`/connections/${connectionId}/tests`);
  await expect(page.getByRole("heading", { name: /^Tests: / })).toBeVisible();
}

/** Starts the test of a connection that needs no provider sign-in (client credentials), from its tests page. */
export async function runConnectionTest(page: Page, connectionId: string): Promise<void> {
  await openConnectionTests(page, connectionId);
  await page.getByRole("button", { name: "Test connection" }).click();
}

/** Runs a test that must pass (client credentials) and returns the test run's id, from the result page's URL. */
export async function runPassingConnectionTest(page: Page, connectionId: string): Promise<string> {
  await runConnectionTest(page, connectionId);
  await expectTestResult(page, "Success");
  return page.url().split("/").at(-1)!;
}

/** Runs a test that must fail: the result, its diagnosis (and fix) on the page, and the connection marked failing. */
export async function runConnectionTestExpectingFailure(
  page: Page,
  connectionId: string,
  diagnosis: string,
  fix?: RegExp,
): Promise<void> {
  await runConnectionTest(page, connectionId);
  await expectTestResult(page, "Failed");
  await expectDiagnosis(page, diagnosis);
  if (fix) await expect(page.getByText(fix)).toBeVisible();
  expect(await connectionHealth(connectionId)).toBe("FAILING");
}

/** Clicks a button that sends the admin to the provider, and returns the popup it opens. */
/** Every authorization request the browser sends to the e2e provider from now on (its `/auth` URLs). */
export function recordAuthorizationRequests(page: Page): URL[] {
  const sent: URL[] = [];
  page.context().on("request", (request) => {
    const url = new URL(request.url());
    if (url.origin === E2E.oidcIssuer && url.pathname === "/auth") sent.push(url);
  });
  return sent;
}

export async function openProviderPopup(page: Page, buttonName: string | RegExp = "Test connection"): Promise<Page> {
  const popup = page.waitForEvent("popup");
  await page.getByRole("button", { name: buttonName }).click();
  return popup;
}

/** Signs in at the provider's login page (it accepts any login and password). */
export async function signInAtProvider(popup: Page, login = "alice"): Promise<void> {
  await popup.getByPlaceholder("Enter any login").fill(login);
  await popup.getByPlaceholder("and password").fill("any-password");
  await popup.getByRole("button", { name: "Sign-in" }).click();
}

export async function consentAtProvider(popup: Page): Promise<void> {
  await popup.getByRole("button", { name: "Continue" }).click();
}

/** Runs the whole provider part in the popup and waits until the popup has reported back and closed. */
export async function authorizeInPopup(popup: Page, login = "alice"): Promise<void> {
  const closed = popup.waitForEvent("close", { timeout: 60_000 });
  await signInAtProvider(popup, login);
  await consentAtProvider(popup);
  await closed;
}

/** Waits until a popup that needs no sign-in (the provider still has a session) reports back and closes by itself. */
export async function popupClosesByItself(popup: Page): Promise<void> {
  if (!popup.isClosed()) await popup.waitForEvent("close", { timeout: 60_000 });
}

export async function expectTestResult(page: Page, outcome: "Success" | "Warning" | "Failed"): Promise<void> {
  await expect(page.getByRole("heading", { name: "Test result", level: 1 })).toBeVisible();
  await expect(page.getByTestId("test-outcome")).toHaveText(outcome);
}

export async function expectDiagnosis(page: Page, title: string | RegExp): Promise<void> {
  await expect(
    page.getByRole("heading", { name: typeof title === "string" ? `Diagnosis: ${title}` : title }),
  ).toBeVisible();
}

/** The result page's trace steps, in order, by their titles. */
export async function traceStepTitles(page: Page): Promise<string[]> {
  const titles = page.getByTestId("trace-step-title");
  await expect(titles.first()).toBeVisible();
  return (await titles.allTextContents()).map((t) => t.trim());
}

/** What the diagnosis lists for each probe, in order ("label: what it showed"). */
export async function probeFindings(page: Page): Promise<string[]> {
  const items = page.getByRole("list", { name: "Probes" }).getByRole("listitem");
  await expect(items.first()).toBeVisible();
  return (await items.allTextContents()).map((t) => t.trim());
}

/** The diagnosis's one-click fix, when the console found one. */
export function suggestedFix(page: Page) {
  return page.getByRole("group", { name: "Suggested fix" });
}

/** Clicks the diagnosis's one-click fix and waits for its confirmation. */
export async function applySuggestedFix(page: Page, action: string): Promise<void> {
  const label = action.charAt(0).toUpperCase() + action.slice(1);
  await suggestedFix(page).getByRole("button", { name: label, exact: true }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `Applied: ${action}. Test again to confirm.` }),
  ).toBeVisible();
}

/** The result page's "Test again", for a client credentials connection (no popup). */
export async function testAgain(page: Page): Promise<void> {
  const previous = page.url();
  await page.getByRole("button", { name: "Test again" }).click();
  await expect(page).not.toHaveURL(previous);
}

/** The values of the result's token checks (API check, introspection, revocation). */
export function tokenChecks(page: Page) {
  return page.getByRole("region", { name: "Token checks" }).getByRole("definition");
}

/** The progress panel under the Test button: its steps, or the cancelled message. */
export const progress = {
  panel: (page: Page) => page.getByTestId("test-progress"),
  steps: (page: Page) => page.getByTestId("test-progress-step"),
};

/** The diagnosis panel's one-click fix button. */
export function diagnosisFix(page: Page, name: string) {
  return page
    .getByRole("alert")
    .filter({ has: page.getByRole("heading", { name: /^Diagnosis: / }) })
    .getByRole("button", { name, exact: true });
}

/** One step of the result page's trace, by its title. */
export function traceStep(page: Page, title: string) {
  return page
    .getByTestId("trace-step")
    .filter({ has: page.getByTestId("trace-step-title").getByText(title, { exact: true }) });
}

/** Opens a collapsed trace step from the keyboard: focus on its summary (the disclosure), then Enter. */
export async function openTraceStepWithKeyboard(page: Page, title: string): Promise<void> {
  await traceStep(page, title).getByTestId("trace-step-title").locator("xpath=ancestor::summary").focus();
  await page.keyboard.press("Enter");
}

/** Opens a trace step (passed steps start collapsed) and its first HTTP exchange, then copies that exchange as cURL. */
export async function copyExchangeAsCurl(page: Page, stepTitle: string): Promise<string> {
  const step = traceStep(page, stepTitle);
  const stepDetails = step.locator("details").first();
  if (!(await stepDetails.evaluate((el) => (el as HTMLDetailsElement).open)))
    await step.getByTestId("trace-step-title").click();
  await step.locator("details details summary").first().click();
  return copyWith(page, "Copy as cURL", step);
}

/** Downloads the result's redacted trace and returns the file's text. */
export async function downloadTrace(page: Page): Promise<{ fileName: string; text: string }> {
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download trace" }).click();
  const file = await download;
  const { readFile } = await import("node:fs/promises");
  return { fileName: file.suggestedFilename(), text: await readFile((await file.path())!, "utf8") };
}
