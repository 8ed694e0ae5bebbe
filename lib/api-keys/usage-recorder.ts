/**
 * Counts token reads per key, connection and hour, and notes when (and from which address and
 * user agent) a key was last used and when a token set was last served. Reads are gathered in memory and written once a second in one
 * transaction, so serving a cached token costs no database write; a crash loses at most the
 * last second of counts. Refused calls of a recognised key are gathered the same way, as a count
 * and the last refusal per key: however many arrive, each key costs one row update a second.
 */
import type { Db } from "@/lib/db/prisma";
import { prismaSqlRunner, type SqlRunner } from "@/lib/db/raw-sql";
import { castTimeColumn, chunksOf, sqlWithRows } from "@/lib/db/sql-rows";
import { pruneRateWindows } from "@/lib/api-keys/rate-limit";
import { processState } from "@/lib/tokens/process-state";

const FLUSH_DELAY_MS = 1_000;
const HOUR_MS = 3_600_000;
/** A user agent is the caller's own text: kept short enough for a table cell. */
const USER_AGENT_MAX = 300;
/** A refusal's detail quotes the caller's connection reference: bounded like the user agent. */
const DETAIL_MAX = 300;

type LastUse = { at: Date; ip: string | null; userAgent: string | null };

export type RefusedCall = {
  apiKeyId: string;
  status: number;
  type: string;
  detail: string;
  ip?: string | null;
  userAgent?: string | null;
  at?: Date;
};

type Refusals = { count: number; last: Required<Omit<RefusedCall, "apiKeyId">> };

type ReadCount = { apiKeyId: string; connectionId: string; hourStart: Date; count: number; lastReadAt: Date };

type Pending = {
  counts: Map<string, ReadCount>;
  keys: Map<string, LastUse>;
  tokenSets: Map<string, Date>;
  refusals: Map<string, Refusals>;
};

type RecorderState = { pending: Pending; timer?: NodeJS.Timeout; flushing?: Promise<void>; db?: Db; flushes: number };

const state = processState<RecorderState>("token-read-recorder", () => ({ pending: emptyPending(), flushes: 0 }));

function emptyPending(): Pending {
  return { counts: new Map(), keys: new Map(), tokenSets: new Map(), refusals: new Map() };
}

export function recordTokenRead(
  db: Db,
  read: {
    apiKeyId: string;
    connectionId: string;
    tokenSetId: string;
    ip?: string | null;
    userAgent?: string | null;
    at?: Date;
  },
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
    pending.counts.set(id, {
      apiKeyId: read.apiKeyId,
      connectionId: read.connectionId,
      hourStart,
      count: 1,
      lastReadAt: at,
    });
  }
  pending.keys.set(read.apiKeyId, {
    at,
    ip: read.ip ?? null,
    userAgent: read.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
  });
  pending.tokenSets.set(read.tokenSetId, at);
  scheduleFlush(db);
}

/** A token API call refused after its key was recognised (revoked, expired, rate-limited, not allowed…). */
export function recordRefusedCall(db: Db, call: RefusedCall): void {
  const last = {
    at: call.at ?? new Date(),
    status: call.status,
    type: call.type,
    detail: call.detail.slice(0, DETAIL_MAX),
    ip: call.ip ?? null,
    userAgent: call.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
  };
  const entry = state.pending.refusals.get(call.apiKeyId);
  if (entry) {
    entry.count += 1;
    entry.last = last;
  } else {
    state.pending.refusals.set(call.apiKeyId, { count: 1, last });
  }
  scheduleFlush(db);
}

function scheduleFlush(db: Db): void {
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
  if (!db || (batch.counts.size === 0 && batch.keys.size === 0 && batch.refusals.size === 0)) return;
  state.pending = emptyPending();
  state.flushing = writeBatch(db, batch)
    .catch((error: unknown) => {
      console.error(
        "[handshake] token read counts not saved yet:",
        error instanceof Error ? error.message : "unknown error",
      );
      mergeBack(batch);
    })
    .finally(() => (state.flushing = undefined));
  await state.flushing;
}

async function writeBatch(db: Db, batch: Pending): Promise<void> {
  // Requests spread over thousands of connections make thousands of counts a second: they are
  // written a few hundred per statement (#26), not one model query each, which on PostgreSQL
  // outlasted the transaction's timeout and kept the counts in memory.
  await db.$transaction(async (tx) => {
    const runner = prismaSqlRunner(tx);
    await writeCounts(runner, [...batch.counts.values()]);
    await writeLastServed(runner, [...batch.tokenSets]);
    for (const [id, { at, ip, userAgent }] of batch.keys) {
      await tx.apiKey.updateMany({
        where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: at } }] },
        data: { lastUsedAt: at, lastUsedIp: ip, lastUsedUserAgent: userAgent },
      });
    }
    for (const [id, { count, last }] of batch.refusals) {
      await tx.apiKey.updateMany({ where: { id }, data: { refusedCount: { increment: count } } });
      await tx.apiKey.updateMany({
        where: { id, OR: [{ lastRefusedAt: null }, { lastRefusedAt: { lt: last.at } }] },
        data: {
          lastRefusedAt: last.at,
          lastRefusedStatus: last.status,
          lastRefusedType: last.type,
          lastRefusedDetail: last.detail,
          lastRefusedIp: last.ip,
          lastRefusedUserAgent: last.userAgent,
        },
      });
    }
  });
  state.flushes += 1;
  if (state.flushes % 60 === 0) await pruneRateWindows(db);
}

async function writeCounts(runner: SqlRunner, counts: ReadCount[]) {
  for (const chunk of chunksOf(counts)) {
    await runner.execute(
      sqlWithRows(
        `INSERT INTO "TokenReadCount" ("apiKeyId", "connectionId", "hourStart", "period", "count", "lastReadAt") VALUES `,
        chunk.map((c) => [c.apiKeyId, c.connectionId, c.hourStart, "hour", c.count, c.lastReadAt]),
        ` ON CONFLICT ("apiKeyId", "connectionId", "hourStart") DO UPDATE SET "count" = "TokenReadCount"."count" + excluded."count", "lastReadAt" = excluded."lastReadAt"`,
      ),
    );
  }
}

/** Each set's lastServedAt moves forward only: a slower flush never writes an older time over a newer one. */
async function writeLastServed(runner: SqlRunner, served: [string, Date][]) {
  for (const chunk of chunksOf(served)) {
    await runner.execute(
      sqlWithRows(
        `WITH "served" ("id", "at") AS (VALUES `,
        chunk,
        `) UPDATE "TokenSet" SET "lastServedAt" = "served"."at" FROM "served" WHERE "TokenSet"."id" = "served"."id" AND ("TokenSet"."lastServedAt" IS NULL OR "TokenSet"."lastServedAt" < "served"."at")`,
        castTimeColumn(1),
      ),
    );
  }
}

function mergeBack(batch: Pending): void {
  for (const [id, c] of batch.counts) {
    const current = state.pending.counts.get(id);
    if (current) current.count += c.count;
    else state.pending.counts.set(id, c);
  }
  for (const [id, use] of batch.keys) if (!state.pending.keys.has(id)) state.pending.keys.set(id, use);
  for (const [id, at] of batch.tokenSets) if (!state.pending.tokenSets.has(id)) state.pending.tokenSets.set(id, at);
  for (const [id, refused] of batch.refusals) {
    const current = state.pending.refusals.get(id);
    if (current) current.count += refused.count;
    else state.pending.refusals.set(id, refused);
  }
  if (!state.timer) {
    state.timer = setTimeout(() => void flushTokenReads(), FLUSH_DELAY_MS * 5);
    state.timer.unref();
  }
}
