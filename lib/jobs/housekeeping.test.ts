import { beforeEach, describe, expect, it } from "vitest";
import { openSuiteDatabase } from "@/lib/testing/suite-database";

const t = openSuiteDatabase({
  env: () => import("@/lib/config/env"),
  seed: () => import("@/lib/testing/seed-connection-row"),
  housekeeping: () => import("@/lib/jobs/housekeeping"),
  chain: () => import("@/lib/audit/verify-audit-chain"),
});

const DAY_MS = 24 * 60 * 60 * 1000;
const now = new Date("2026-12-05T10:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);

beforeEach(async () => {
  await t.db.testRun.deleteMany();
  await t.db.connectionGoodConfiguration.deleteMany();
  await t.db.pendingAuthorization.deleteMany();
  await t.db.connection.deleteMany();
  await t.db.lease.deleteMany();
});

async function run(connectionId: string, startedAt: Date, status = "SUCCESS") {
  return t.db.testRun.create({
    data: { connectionId, grantType: "client_credentials", status, startedAt, trace: '[{"step":"token"}]' },
  });
}

describe("runHousekeeping", () => {
  it("prunes test runs past the retention, keeps what is newer or still pointed at, and audits it", async () => {
    const crm = await t.seed.seedConnectionRow(t.db, { name: "crm" });
    const old = [];
    for (let i = 0; i < 5; i += 1) old.push(await run(crm.id, daysAgo(40 + i)));
    const recent = await run(crm.id, daysAgo(29));
    const unfinished = await run(crm.id, daysAgo(50), "AWAITING_CALLBACK");
    // The connection's last test, and the one its last good configuration passed, stay however old.
    const erp = await t.seed.seedConnectionRow(t.db, { name: "erp" });
    const lastOfErp = await run(erp.id, daysAgo(300));
    const goodOfErp = await run(erp.id, daysAgo(301));
    await t.db.connection.update({ where: { id: erp.id }, data: { lastTestRunId: lastOfErp.id } });
    await t.db.connectionGoodConfiguration.create({
      data: { connectionId: erp.id, columns: "{}", testRunId: goodOfErp.id, testedAt: goodOfErp.startedAt },
    });
    const auditBefore = await t.db.auditEvent.count();

    const outcome = await t.housekeeping.runHousekeeping(t.db, { testRunRetentionDays: 30, now });

    expect(outcome.testRuns).toBe(5);
    const left = (await t.db.testRun.findMany({ select: { id: true } })).map((r) => r.id).sort();
    expect(left).toEqual([recent.id, unfinished.id, lastOfErp.id, goodOfErp.id].sort());
    const pruned = await t.db.auditEvent.findMany({ where: { action: "test_runs.pruned" } });
    expect(pruned.reduce((sum, e) => sum + JSON.parse(e.details).deletedCount, 0)).toBe(5);
    expect(await t.db.auditEvent.count()).toBeGreaterThan(auditBefore);
    const chain = await t.chain.verifyAuditChain({ key: t.env.getConfig().auditKey });
    expect(chain.ok).toBe(true);

    // A second run finds nothing more to prune and writes no event.
    expect((await t.housekeeping.runHousekeeping(t.db, { testRunRetentionDays: 30, now })).testRuns).toBe(0);
    expect(await t.db.auditEvent.count({ where: { action: "test_runs.pruned" } })).toBe(pruned.length);
  });

  it("prunes in batches past runs it must keep", async () => {
    const crm = await t.seed.seedConnectionRow(t.db, { name: "crm" });
    const runs = [];
    for (let i = 0; i < 12; i += 1) runs.push(await run(crm.id, daysAgo(100 - i)));
    await t.db.connection.update({ where: { id: crm.id }, data: { lastTestRunId: runs[3]!.id } });
    const { pruneTestRuns } = await import("@/lib/connection-tests/prune-test-runs");

    const outcome = await pruneTestRuns({ retentionDays: 30, now, batchSize: 4 });

    expect(outcome.deletedCount).toBe(11);
    expect((await t.db.testRun.findMany()).map((r) => r.id)).toEqual([runs[3]!.id]);
  });

  it("prunes a year of daily runs in its default batches (each batch's ids stay within the query parameter limit)", async () => {
    const crm = await t.seed.seedConnectionRow(t.db, { name: "crm" });
    await t.db.testRun.createMany({
      data: Array.from({ length: 1_200 }, (_, i) => ({
        connectionId: crm.id,
        grantType: "client_credentials",
        status: "SUCCESS",
        startedAt: daysAgo(31 + i / 4),
      })),
    });
    const { pruneTestRuns } = await import("@/lib/connection-tests/prune-test-runs");

    expect((await pruneTestRuns({ retentionDays: 30, now })).deletedCount).toBe(1_200);
    expect(await t.db.testRun.count()).toBe(0);
  });

  it("removes pending authorizations and leases over for a day, and nothing younger", async () => {
    const crm = await t.seed.seedConnectionRow(t.db, { name: "crm" });
    const user = await t.db.user.upsert({
      where: { email: "admin@housekeeping.test" },
      create: { email: "admin@housekeeping.test", passwordHash: "x" },
      update: {},
    });
    const pending = (stateHash: string, expiresAt: Date) =>
      t.db.pendingAuthorization.create({
        data: { stateHash, connectionId: crm.id, userId: user.id, redirectUri: "http://localhost/cb", expiresAt },
      });
    await pending("old", daysAgo(2));
    const fresh = await pending("fresh", daysAgo(0.5));
    await t.db.lease.createMany({
      data: [
        { name: "gone", owner: "a", until: daysAgo(3) },
        { name: "held", owner: "b", until: new Date(now.getTime() + 60_000) },
      ],
    });

    const outcome = await t.housekeeping.runHousekeeping(t.db, { testRunRetentionDays: 30, now });

    expect(outcome).toMatchObject({ pendingAuthorizations: 1, leases: 1 });
    expect((await t.db.pendingAuthorization.findMany()).map((p) => p.id)).toEqual([fresh.id]);
    expect((await t.db.lease.findMany()).map((l) => l.name)).toEqual(["held"]);
  });
});
