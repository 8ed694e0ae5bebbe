/**
 * Per-key rate limit: a fixed one-minute window counted in the database (ApiKeyRateWindow), so
 * every process shares one budget. A process does not write once per request: it reserves a
 * block of the window's budget (1/20 of the limit) with one atomic increment and serves from it
 * in memory. The sum of all processes never exceeds the limit; near the limit a process may
 * refuse while another still holds a few unused requests of its block.
 */
import type { Db } from "@/lib/db/prisma";
import { processState } from "@/lib/tokens/process-state";

const WINDOW_MS = 60_000;
const BLOCKS_PER_WINDOW = 20;

type LocalWindow = { windowStart: number; granted: number; used: number; exhausted: boolean; pending?: Promise<void> };

const windows = processState("api-key-rate-windows", () => new Map<string, LocalWindow>());

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number; limit: number };

export async function consumeRateLimit(
  db: Db,
  key: { id: string; rateLimitPerMinute: number },
  now = Date.now(),
): Promise<RateLimitResult> {
  const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS;
  let window = windows.get(key.id);
  if (!window || window.windowStart !== windowStart) {
    window = { windowStart, granted: 0, used: 0, exhausted: false };
    windows.set(key.id, window);
  }
  for (;;) {
    if (window.used < window.granted) {
      window.used += 1;
      return { ok: true };
    }
    if (window.exhausted) {
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000)),
        limit: key.rateLimitPerMinute,
      };
    }
    const current = window;
    current.pending ??= reserveBlock(db, key, current).finally(() => (current.pending = undefined));
    await current.pending;
  }
}

async function reserveBlock(
  db: Db,
  key: { id: string; rateLimitPerMinute: number },
  window: LocalWindow,
): Promise<void> {
  const limit = key.rateLimitPerMinute;
  const want = Math.max(1, Math.floor(limit / BLOCKS_PER_WINDOW));
  const where = { apiKeyId_windowStart: { apiKeyId: key.id, windowStart: new Date(window.windowStart) } };
  const row = await db.apiKeyRateWindow.upsert({
    where,
    create: { apiKeyId: key.id, windowStart: new Date(window.windowStart), count: want },
    update: { count: { increment: want } },
    select: { count: true },
  });
  const overshoot = Math.max(0, row.count - limit);
  const granted = Math.max(0, want - overshoot);
  window.granted += granted;
  if (granted < want) window.exhausted = true;
}

/** Old windows are useless once their minute has passed; the usage flush calls this now and then. */
export async function pruneRateWindows(db: Db, now = Date.now()): Promise<void> {
  await db.apiKeyRateWindow.deleteMany({ where: { windowStart: { lt: new Date(now - 10 * WINDOW_MS) } } });
}
