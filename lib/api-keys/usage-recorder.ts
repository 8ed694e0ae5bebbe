/**
 * Counts token reads per key, connection and hour, and notes when (and from which address and
 * user agent) a key was last used and when a token set was last served. Reads are gathered in memory and written once a second in one
 * transaction, so serving a cached token costs no database write; a crash loses at most the
 * last second of counts.
 */
import type { Db } from "@/lib/db/prisma";
import { pruneRateWindows } from "@/lib/api-keys/rate-limit";
import { processState } from "@/lib/tokens/process-state";

const FLUSH_DELAY_MS = 1_000;
const HOUR_MS = 3_600_000;
/** A user agent is the caller's own text: kept short enough for a table cell. */
const USER_AGENT_MAX = 300;

type LastUse = { at: Date; ip: string | null; userAgent: string | null };

type Pending = {
  counts: Map<string, { apiKeyId: string; connectionId: string; hourStart: Date; count: number; lastReadAt: Date }>;
  keys: Map<string, LastUse>;
  tokenSets: Map<string, Date>;
};

type RecorderState = { pending: Pending; timer?: NodeJS.Timeout; flushing?: Promise<void>; db?: Db; flushes: number };

const state = processState<RecorderState>("token-read-recorder", () => ({ pending: emptyPending(), flushes: 0 }));

function emptyPending(): Pending {
  return { counts: new Map(), keys: new Map(), tokenSets: new Map() };
}

export function recordTokenRead(
  db: Db,
  read: { apiKeyId: string; connectionId: string; tokenSetId: string; ip?: string | null; userAgent?: string | null; at?: Date },
): void {
  const at = read.at ?? new Date();
  const hourStart = new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
  const id = `${read.apiKeyId}|${read.connectionId}|${hourStart.getTime()}`;
  const { pending } = state;
  const entry = pending.counts.get(id);
  if (entry) {
    entry.count += 1;
    entry.lastReadAt = at;
  } else {
    pending.counts.set(id, { apiKeyId: read.apiKeyId, connectionId: read.connectionId, hourStart, count: 1, lastReadAt: at });
  }
  pending.keys.set(read.apiKeyId, { at, ip: read.ip ?? null, userAgent: read.userAgent?.slice(0, USER_AGENT_MAX) ?? null });
  pending.tokenSets.set(read.tokenSetId, at);
  state.db = db;
  if (!state.timer) {
    state.timer = setTimeout(() => void flushTokenReads(), FLUSH_DELAY_MS);
    state.timer.unref();
  }
}

/** Writes what was gathered; tests and shutdown call it directly. */
export async function flushTokenReads(): Promise<void> {
  if (state.timer) clearTimeout(state.timer);
  state.timer = undefined;
  await state.flushing;
  const db = state.db;
  const batch = state.pending;
  if (!db || (batch.counts.size === 0 && batch.keys.size === 0)) return;
  state.pending = emptyPending();
  state.flushing = writeBatch(db, batch)
    .catch((error: unknown) => {
      console.error("[handshake] token read counts not saved yet:", error instanceof Error ? error.message : "unknown error");
      mergeBack(batch);
    })
    .finally(() => (state.flushing = undefined));
  await state.flushing;
}

async function writeBatch(db: Db, batch: Pending): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const c of batch.counts.values()) {
      await tx.tokenReadCount.upsert({
        where: { apiKeyId_connectionId_hourStart: { apiKeyId: c.apiKeyId, connectionId: c.connectionId, hourStart: c.hourStart } },
        create: c,
        update: { count: { increment: c.count }, lastReadAt: c.lastReadAt },
      });
    }
    for (const [id, { at, ip, userAgent }] of batch.keys) {
      await tx.apiKey.updateMany({
        where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: at } }] },
        data: { lastUsedAt: at, lastUsedIp: ip, lastUsedUserAgent: userAgent },
      });
    }
    for (const [id, at] of batch.tokenSets) {
      await tx.tokenSet.updateMany({ where: { id, OR: [{ lastServedAt: null }, { lastServedAt: { lt: at } }] }, data: { lastServedAt: at } });
    }
  });
  state.flushes += 1;
  if (state.flushes % 60 === 0) await pruneRateWindows(db);
}

function mergeBack(batch: Pending): void {
  for (const [id, c] of batch.counts) {
    const current = state.pending.counts.get(id);
    if (current) current.count += c.count;
    else state.pending.counts.set(id, c);
  }
  for (const [id, use] of batch.keys) if (!state.pending.keys.has(id)) state.pending.keys.set(id, use);
  for (const [id, at] of batch.tokenSets) if (!state.pending.tokenSets.has(id)) state.pending.tokenSets.set(id, at);
  if (!state.timer) {
    state.timer = setTimeout(() => void flushTokenReads(), FLUSH_DELAY_MS * 5);
    state.timer.unref();
  }
}
