/** Reads the audit export over HTTP with the signed-in page's session, as the Audit page's links do. */
import type { Page } from "@playwright/test";

export async function fetchAuditExport(
  page: Page,
  format: "csv" | "jsonl",
  filter: Record<string, string> = {},
): Promise<string> {
  const query = new URLSearchParams({ format, ...filter });
  const response = await page.request.get(`/api/audit/export?${query}`, {
    headers: { "sec-fetch-site": "same-origin" },
  });
  if (!response.ok()) throw new Error(`audit export answered ${response.status()}`);
  return response.text();
}

/** The exported events of one actor, oldest first, with every exported field. */
export async function auditEventsOf(page: Page, actorEmail: string): Promise<Array<Record<string, unknown>>> {
  const text = await fetchAuditExport(page, "jsonl", { actor: actorEmail });
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((e) => e.actorEmail === actorEmail)
    .reverse();
}
