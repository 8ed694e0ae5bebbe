import { describe, expect, it } from "vitest";
import { createSqliteTestDatabase } from "@/lib/testing/test-database";

// SQLite in both suites: PostgreSQL's statistics are autovacuum's, and the function leaves them be.
const temp = createSqliteTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { refreshQueryStatistics } = await import("@/lib/db/query-statistics");

// 20,000 events of four API keys (actors filtered by the name recorded); one in a thousand is a key rotation.
const SKEWED_TRAIL = `INSERT INTO "AuditEvent" ("seq", "action", "actorEmail", "details", "prevHash", "hash")
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
  SELECT i, CASE WHEN i % 1000 = 0 THEN 'keys.rotated' ELSE 'connection.tested' END, 'API key ' || (i % 4), '{}', '', ''
  FROM n`;
const ACTOR_AND_ACTION = `SELECT "seq" FROM "AuditEvent" WHERE "actorEmail" = 'API key 0' AND "action" = 'keys.rotated'
  ORDER BY "seq" DESC LIMIT 51`;

describe("refreshQueryStatistics", () => {
  it("gives SQLite the statistics to read a rare action by its own index, not the actor's whole history", async () => {
    temp.rawExec(SKEWED_TRAIL);
    const plan = async () =>
      (await prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${ACTOR_AND_ACTION}`))
        .map((row) => row.detail)
        .join("; ");
    expect(await plan()).toContain("AuditEvent_actorEmail_seq_idx");
    await refreshQueryStatistics(prisma);
    expect(await plan()).toContain("AuditEvent_action_seq_idx");
  });
});
