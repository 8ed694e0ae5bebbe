/** Selectors and steps for connections as code: the list's Export menu and the Import page. */
import fs from "node:fs";
import { expect, type Page } from "@playwright/test";

export type ExportedConnections = { version: number; connections: Array<Record<string, unknown> & { name: string }> };

export const connectionsFile = {
  /** Opens the Connections page's Export menu, picks `item`, and returns the downloaded file. */
  async download(page: Page, item: "Export as JSON" | "Export as YAML"): Promise<{ name: string; text: string }> {
    await page.getByRole("button", { name: "Export" }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("menuitem", { name: item }).click(),
    ]);
    return { name: download.suggestedFilename(), text: fs.readFileSync(await download.path(), "utf8") };
  },
  async openImport(page: Page): Promise<void> {
    await page.getByRole("main").getByRole("link", { name: "Import", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Import connections", level: 1 })).toBeVisible();
  },
  /** Chooses a file in the file picker; its text fills the contents field. */
  async upload(page: Page, name: string, text: string): Promise<void> {
    await page
      .getByLabel("Connections file")
      .setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });
    await expect(page.getByLabel("File contents")).toHaveValue(text);
  },
  async plan(page: Page): Promise<void> {
    await page.getByRole("button", { name: "Plan", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Plan", level: 2 })).toBeVisible();
  },
  planRow: (page: Page, name: string) => page.getByTestId("import-plan-row").filter({ hasText: name }),
  checksum: (page: Page) => page.getByTestId("import-checksum"),
  applyButton: (page: Page) => page.getByRole("button", { name: /^Apply( \d+ changes?)?$/ }),
  applied: (page: Page) => page.getByText(/^Applied\. Each connection/),
};
