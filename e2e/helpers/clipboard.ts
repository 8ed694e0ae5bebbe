/** Copy buttons: grant the clipboard, click a button by its accessible name, read what it copied. */
import { expect, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { E2E } from "../support/env";

export async function allowClipboard(context: BrowserContext): Promise<void> {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: E2E.appUrl });
}

export async function copyWith(page: Page, name: string, scope: Locator | Page = page): Promise<string> {
  const button = scope.getByRole("button", { name, exact: true });
  await button.click();
  await expect(button).toHaveAttribute("data-copied", "true");
  return page.evaluate(() => navigator.clipboard.readText());
}
