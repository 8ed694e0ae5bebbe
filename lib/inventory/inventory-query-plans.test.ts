import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SqlQuery } from "@prisma/driver-adapter-utils";
import { createSqliteTestDatabase } from "@/lib/testing/test-database";

// SQLite only: its STAT4 statistics (better-sqlite3's build) are what made a bare `<` on a mostly
// NULL column plan as a scan of the table (#26). PostgreSQL keeps NULLs out of a range by itself.
createSqliteTestDatabase();
const { prisma, sharedDriverAdapter } = await import("@/lib/db/prisma");
const { refreshQueryStatistics } = await import("@/lib/db/query-statistics");
const { countInventoryMatches, listInventoryRows } = await import("@/lib/inventory/list-inventory");
const { parseInventorySearchParams } = await import("@/lib/schemas/inventory-filter");

const CONNECTIONS = 20_000;
const DAY = 24 * 60 * 60 * 1000;
const now = new Date("2026-06-30T12:00:00Z");

beforeAll(async () => {
  const admin = await prisma.user.create({ data: { email: "admin@example.test", passwordHash: "x", role: "ADMIN" } });
  // As the bench: a third of the secrets carry an expiry, most have no secret date or test at all.
  for (let start = 0; start < CONNECTIONS; start += 5_000) {
    await prisma.connection.createMany({
      data: Array.from({ length: 5_000 }, (_, k) => {
        const i = start + k;
        return {
          id: `connection-${i}`,
          name: `connection ${i}`,
          status: "ACTIVE",
          createdById: admin.id,
          lastTestedAt: i % 4 === 0 ? new Date(now.getTime() - (i % 60) * DAY) : null,
          clientSecretSetAt: i % 5 === 0 ? new Date(now.getTime() - (i % 400) * DAY) : null,
          clientSecretExpiresAt: i % 3 === 0 ? new Date(now.getTime() + ((i % 430) - 30) * DAY) : null,
        };
      }),
    });
  }
  // A tenth hold tokens, half of them with a refresh token.
  await prisma.tokenSet.createMany({
    data: Array.from({ length: CONNECTIONS / 10 }, (_, k) => ({
      connectionId: `connection-${k * 10}`,
      ownerKey: "shared",
      accessTokenEncrypted: "v1.k1.not-read-here",
      refreshTokenEncrypted: k % 2 === 0 ? "v1.k1.not-read-here" : null,
      expiresAt: new Date(now.getTime() + (k % 120) * 60_000),
    })),
  });
  await refreshQueryStatistics(prisma);
  // 15 s alone, and twice that beside another file on two cores: more than the suite's hook timeout.
}, 120_000);

/** The plans of the statements `run` sends, as EXPLAIN QUERY PLAN's lines. */
async function plansOf(run: () => Promise<unknown>): Promise<string[]> {
  const adapter = await sharedDriverAdapter();
  const sent: SqlQuery[] = [];
  const send = adapter.queryRaw.bind(adapter);
  const spy = vi.spyOn(adapter, "queryRaw").mockImplementation((query) => {
    sent.push(query);
    return send(query);
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  const plans: string[] = [];
  for (const query of sent.filter((q) => /FROM `main`\.`(Connection|TokenSet)`/.test(q.sql))) {
    const result = await adapter.queryRaw({ ...query, sql: `EXPLAIN QUERY PLAN ${query.sql}` });
    const detail = result.columnNames.indexOf("detail");
    plans.push(result.rows.map((row) => String(row[detail])).join("; "));
  }
  return plans;
}

function filterOf(params: Record<string, string>) {
  const parsed = parseInventorySearchParams(params);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  return parsed.filter;
}

describe.each<{ view: string; params: Record<string, string> }>([
  { view: "expiring within 30 days", params: { expiresWithin: "30" } },
  { view: "expiring within 400 days, soonest first", params: { expiresWithin: "400", sort: "secret_expiry" } },
  { view: "secrets older than 90 days", params: { secretOlderThan: "90" } },
  { view: "untested for 30 days", params: { stale: "1" } },
])("the inventory $view", ({ params }) => {
  it("reads connections and their token sets through indexes, never a scan of either table", async () => {
    const filter = filterOf(params);
    const plans = await plansOf(async () => {
      await countInventoryMatches(filter, now);
      await listInventoryRows(filter, { skip: 0, take: 50, now });
    });
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      expect(plan).not.toMatch(/SCAN (main\.)?Connection(;|$)/);
      // Any scan of the token sets reads every one of them, whichever index it walks.
      expect(plan).not.toMatch(/SCAN (main\.)?TokenSet/);
    }
  });
});
