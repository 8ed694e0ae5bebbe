/** The secret-leak scan: every response a page receives, the console's pages fetched again, the raw database and log files. */
import fs from "node:fs";
import path from "node:path";
import { expect, type BrowserContext, type Page } from "@playwright/test";
import { E2E } from "../support/env";

/** Keeps the URL and body of every response the page receives in `bodies`. */
export function collectResponses(page: Page, bodies: string[]): void {
  page.on("response", async (response) => {
    try {
      bodies.push(`${response.url()}\n${await response.text()}`);
    } catch {
      // Redirects and aborted navigations have no body to read.
    }
  });
}

/** Every console page about connections (and the rest of the console), as HTML and as the RSC payload a client navigation fetches. */
export async function fetchConsole(context: BrowserContext, paths: string[]): Promise<string[]> {
  const bodies: string[] = [];
  for (const p of paths) {
    for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
      const response = await context.request.get(`${E2E.appUrl}${p}`, { headers, maxRedirects: 5 });
      expect(response.status(), `${p} ${JSON.stringify(headers)}`).toBeLessThan(500);
      bodies.push(`${p}\n${await response.text()}`);
    }
  }
  return bodies;
}

/** The main console's database files and its log. */
export function consoleDataFiles(): string[] {
  const files = fs
    .readdirSync(E2E.appDataDir)
    .filter((f) => f.startsWith("handshake.db"))
    .map((f) => path.join(E2E.appDataDir, f));
  files.push(path.join(E2E.stateDir, "app.log"));
  return files;
}

/** What of the database files and the app log holds `value` in plaintext. */
export function rawFilesInclude(value: string): boolean {
  return consoleDataFiles().some((f) => fs.readFileSync(f).includes(Buffer.from(value)));
}

/** Whether the database files or the app log hold text matching `pattern` (a private JWK member, say) in plaintext. */
export function rawFilesMatch(pattern: RegExp): boolean {
  return consoleDataFiles().some((f) => pattern.test(fs.readFileSync(f, "latin1")));
}
