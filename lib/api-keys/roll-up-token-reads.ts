/**
 * Bounded growth of token-read counts (#26): hourly rows become one row per day after 7 days, and
 * daily rows one row per month after 90. Each period is rolled in one transaction that deletes its
 * finer rows and inserts their sums, so no read is lost or counted twice; two processes rolling the
 * same period collide on the primary key and the second rolls back.
 */
import { prisma, type Db } from "@/lib/db/prisma";
import { yieldToOthers } from "@/lib/jobs/yield-to-others";

export const HOURLY_KEEP_DAYS = 7;
export const DAILY_KEEP_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

export type TokenReadPeriod = "hour" | "day" | "month";
type CoarsePeriod = Exclude<TokenReadPeriod, "hour">;

export function startOfPeriod(at: Date, period: CoarsePeriod): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  return period === "day" ? day : new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

function nextPeriodStart(start: Date, period: CoarsePeriod): Date {
  return period === "day"
    ? new Date(start.getTime() + DAY_MS)
    : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

/** Rolls every `from` row older than `before` (a `to` period boundary) into `to` rows; returns the rows rolled. */
async function rollUp(db: Db, from: TokenReadPeriod, to: CoarsePeriod, before: Date): Promise<number> {
  let rolled = 0;
  for (;;) {
    await yieldToOthers();
    const oldest = await db.tokenReadCount.findFirst({
      where: { period: from, hourStart: { lt: before } },
      orderBy: { hourStart: "asc" },
      select: { hourStart: true },
    });
    if (!oldest) return rolled;
    const start = startOfPeriod(oldest.hourStart, to);
    const end = nextPeriodStart(start, to);
    rolled += await db.$transaction(async (tx) => {
      // A row already rolled into this period (a run stopped part way, say) is summed in again.
      const where = {
        OR: [
          { period: from, hourStart: { gte: start, lt: end } },
          { period: to, hourStart: start },
        ],
      };
      const sums = await tx.tokenReadCount.groupBy({
        by: ["apiKeyId", "connectionId"],
        where,
        _sum: { count: true },
        _max: { lastReadAt: true },
      });
      const { count } = await tx.tokenReadCount.deleteMany({ where });
      await tx.tokenReadCount.createMany({
        data: sums.map((s) => ({
          apiKeyId: s.apiKeyId,
          connectionId: s.connectionId,
          hourStart: start,
          period: to,
          count: s._sum.count ?? 0,
          lastReadAt: s._max.lastReadAt ?? start,
        })),
      });
      return count;
    });
  }
}

export type RollUpOutcome = { hourRows: number; dayRows: number };

export async function rollUpTokenReads(now = new Date(), db: Db = prisma): Promise<RollUpOutcome> {
  const hourRows = await rollUp(
    db,
    "hour",
    "day",
    startOfPeriod(new Date(now.getTime() - HOURLY_KEEP_DAYS * DAY_MS), "day"),
  );
  const dayRows = await rollUp(
    db,
    "day",
    "month",
    startOfPeriod(new Date(now.getTime() - DAILY_KEEP_DAYS * DAY_MS), "month"),
  );
  return { hourRows, dayRows };
}
