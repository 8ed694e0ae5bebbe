/**
 * A flapping connection (#24): one that goes Failing, Healthy, Failing… within a short window
 * would send a "failing" and a "recovered" per change. After FLAP_MAX_CHANGES changes within
 * FLAP_WINDOW_MS, the next change sends one "flapping" summary with the count instead, and further
 * changes send nothing until the connection has been stable (no change) for a whole window. Every
 * change is still kept as an event (without deliveries), so the count and the open incident are
 * read from the event history alone, by whichever replica records the change.
 */
import { dateOf, sql, type SqlRunner } from "@/lib/db/raw-sql";

export const FLAP_WINDOW_MS = 60 * 60 * 1000;
/** More changes than this within the window is flapping. */
export const FLAP_MAX_CHANGES = 3;
/** Enough history to judge a window: a connection changes at most once per check or test. */
const HISTORY = 500;

export type FlappingState = {
  /** Changes within the window before this one. */
  recentChanges: number;
  /** A "flapping" summary was sent and the connection has not been stable for a window since. */
  ongoing: boolean;
};

export async function flappingState(runner: SqlRunner, connectionId: string, now: Date): Promise<FlappingState> {
  const rows = await runner.query<{ type: string; createdAt: unknown }>(sql`SELECT "type", "createdAt"
    FROM "NotificationEvent" WHERE "connectionId" = ${connectionId}
    AND "type" IN (${"connection.failing"}, ${"connection.recovered"}, ${"connection.flapping"})
    ORDER BY "createdAt" DESC, "id" DESC LIMIT ${HISTORY}`);
  const events = rows.map((r) => ({ type: r.type, at: dateOf(r.createdAt).getTime() }));
  const changes = events.filter((e) => e.type !== "connection.flapping").map((e) => e.at);
  const recentChanges = changes.filter((at) => at > now.getTime() - FLAP_WINDOW_MS).length;
  const lastSummary = events.find((e) => e.type === "connection.flapping");
  if (!lastSummary) return { recentChanges, ongoing: false };
  // Stable means a whole window without a change, anywhere between the summary and now.
  const since = [...changes.filter((at) => at >= lastSummary.at).reverse(), now.getTime()];
  let previous = lastSummary.at;
  for (const at of since) {
    if (at - previous > FLAP_WINDOW_MS) return { recentChanges, ongoing: false };
    previous = at;
  }
  return { recentChanges, ongoing: true };
}
