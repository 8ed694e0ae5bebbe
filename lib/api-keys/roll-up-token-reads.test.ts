import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";
import { resetToBotKey } from "@/lib/testing/token-read-key";

const temp = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { seededConnectionColumns } = await import("@/lib/testing/seed-connection-row");
const { rollUpTokenReads } = await import("@/lib/api-keys/roll-up-token-reads");
const { listTokenReads } = await import("@/lib/api-keys/list-api-keys");

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const now = new Date("2026-12-05T10:30:00Z");

let keyId = "";
let connectionIds: string[] = [];

beforeEach(async () => {
  keyId = await resetToBotKey(prisma);
  connectionIds = [];
  for (const name of ["crm", "erp"]) {
    const c = await prisma.connection.create({ data: seededConnectionColumns({ name }) });
    connectionIds.push(c.id);
  }
});

afterAll(async () => {
  await prisma.$disconnect();
  temp.cleanup();
});

/** One hourly row per hour from `from` for `hours` hours, for every connection; returns the total count written. */
async function writeHourly(from: Date, hours: number): Promise<number> {
  let total = 0;
  const data = [];
  for (let h = 0; h < hours; h += 1) {
    for (const [i, connectionId] of connectionIds.entries()) {
      const count = (h % 5) + i + 1;
      total += count;
      const hourStart = new Date(from.getTime() + h * HOUR_MS);
      data.push({
        apiKeyId: keyId,
        connectionId,
        hourStart,
        count,
        lastReadAt: new Date(hourStart.getTime() + 59_000),
      });
    }
  }
  await prisma.tokenReadCount.createMany({ data });
  return total;
}

async function totals() {
  const rows = await prisma.tokenReadCount.findMany();
  const byPeriod: Record<string, number> = {};
  for (const r of rows) byPeriod[r.period] = (byPeriod[r.period] ?? 0) + 1;
  return { sum: rows.reduce((s, r) => s + r.count, 0), byPeriod };
}

describe("rollUpTokenReads", () => {
  it("rolls hours older than 7 days into days and days older than 90 into months, preserving every count", async () => {
    // 200 days of hourly counts ending now: 9,600 hours for two connections.
    const start = new Date(Date.UTC(2026, 4, 19));
    const written = await writeHourly(start, Math.floor((now.getTime() - start.getTime()) / HOUR_MS));

    const outcome = await rollUpTokenReads(now);

    const after = await totals();
    expect(after.sum).toBe(written);
    expect(outcome.hourRows).toBeGreaterThan(0);
    expect(outcome.dayRows).toBeGreaterThan(0);
    const hours = await prisma.tokenReadCount.findMany({ where: { period: "hour" }, orderBy: { hourStart: "asc" } });
    // Hours are kept from the start of the UTC day 7 days ago; nothing newer was touched.
    expect(hours[0]!.hourStart.toISOString()).toBe("2026-11-28T00:00:00.000Z");
    const days = await prisma.tokenReadCount.findMany({ where: { period: "day" }, orderBy: { hourStart: "asc" } });
    // Days are kept from the start of the month 90 days ago (2026-09-06 falls in September).
    expect(days[0]!.hourStart.toISOString()).toBe("2026-09-01T00:00:00.000Z");
    expect(days.at(-1)!.hourStart.toISOString()).toBe("2026-11-27T00:00:00.000Z");
    const months = await prisma.tokenReadCount.findMany({ where: { period: "month" }, orderBy: { hourStart: "asc" } });
    expect(months.map((m) => m.hourStart.toISOString().slice(0, 7))).toEqual(
      ["2026-05", "2026-06", "2026-07", "2026-08"].flatMap((m) => [m, m]),
    );
    // The last read of a rolled period is the latest of its rows.
    const may = months.find((m) => m.connectionId === connectionIds[0])!;
    expect(may.lastReadAt.toISOString()).toBe("2026-05-31T23:00:59.000Z");
  });

  it("changes nothing when run again, and sums a period a stopped run had begun", async () => {
    const start = new Date(now.getTime() - 20 * DAY_MS);
    const written = await writeHourly(start, 24 * 20);
    await rollUpTokenReads(now);
    const once = await prisma.tokenReadCount.findMany({ orderBy: [{ hourStart: "asc" }, { connectionId: "asc" }] });
    await rollUpTokenReads(now);
    expect(await prisma.tokenReadCount.findMany({ orderBy: [{ hourStart: "asc" }, { connectionId: "asc" }] })).toEqual(
      once,
    );

    // Hours of a day that already has its day row (as if a run stopped between two days) are added to it.
    const day = once.find((r) => r.period === "day")!;
    await prisma.tokenReadCount.create({
      data: {
        apiKeyId: keyId,
        connectionId: day.connectionId,
        hourStart: new Date(day.hourStart.getTime() + 5 * HOUR_MS),
        count: 7,
        lastReadAt: new Date(day.hourStart.getTime() + 5 * HOUR_MS),
      },
    });
    await rollUpTokenReads(now);
    expect((await totals()).sum).toBe(written + 7);
    const merged = await prisma.tokenReadCount.findUniqueOrThrow({
      where: {
        apiKeyId_connectionId_hourStart: { apiKeyId: keyId, connectionId: day.connectionId, hourStart: day.hourStart },
      },
    });
    expect(merged.count).toBe(day.count + 7);
  });

  it("lets the pages read hours, days and months together", async () => {
    const start = new Date(now.getTime() - 120 * DAY_MS);
    await writeHourly(start, 24 * 120);
    const connectionId = connectionIds[0]!;
    const written = await prisma.tokenReadCount.aggregate({ where: { connectionId }, _sum: { count: true } });
    await rollUpTokenReads(now);

    const rows = await listTokenReads({ connectionId }, { days: 200, now });
    expect(new Set(rows.map((r) => r.period))).toEqual(new Set(["hour", "day", "month"]));
    expect(rows.reduce((s, r) => s + r.count, 0)).toBe(written._sum.count);
    const recent = await listTokenReads({ apiKeyId: keyId }, { now });
    expect(recent.every((r) => r.period === "hour")).toBe(true);
    expect(recent.length).toBe(48 * connectionIds.length);
  });
});
