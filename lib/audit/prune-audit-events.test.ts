import fs from "node:fs";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";
import { passedTestEvent } from "@/lib/testing/audit-test-events";

const temp = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { getConfig } = await import("@/lib/config/env");
const { recordAuditEvent, SYSTEM_ACTOR } = await import("@/lib/audit/record-audit-event");
const { pruneAuditEvents } = await import("@/lib/audit/prune-audit-events");
const { verifyAuditChain, describeVerification } = await import("@/lib/audit/verify-audit-chain");
const { listHeadMarkFiles } = await import("@/lib/audit/head-mark-log");

const DAY_MS = 24 * 60 * 60 * 1000;
const actor = { id: "u1", email: "admin@example.test", role: "ADMIN", ip: null, userAgent: null };

async function writeEvents(count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await prisma.$transaction((tx) => recordAuditEvent(tx, passedTestEvent(actor, { id: "c1", name: "C1" })));
  }
}

/** Writes `old` events, then `recent` events at least a millisecond later; returns the instant between them. */
async function writeOldAndRecent(old: number, recent: number): Promise<Date> {
  await writeEvents(old);
  await new Promise((resolve) => setTimeout(resolve, 5));
  const between = new Date();
  await new Promise((resolve) => setTimeout(resolve, 5));
  await writeEvents(recent);
  return between;
}

const verify = () => verifyAuditChain({ key: getConfig().auditKey, batchSize: 4 });
const rawExec = (sql: string) => temp.rawExec(sql);

beforeEach(() => {
  rawExec(`DELETE FROM "AuditEvent"`);
  for (const file of listHeadMarkFiles(temp.dataDir)) fs.rmSync(file);
});
afterAll(async () => {
  await prisma.$disconnect();
  temp.cleanup();
});

/** Prunes with a one-day retention as if it ran `daysLater` days after `from`. */
function pruneDayOld(from: Date, daysLater: number, batchSize?: number) {
  return pruneAuditEvents({
    retentionDays: 1,
    actor: SYSTEM_ACTOR,
    now: new Date(from.getTime() + daysLater * DAY_MS),
    batchSize,
  });
}

describe("pruneAuditEvents", () => {
  it("deletes the events older than the retention period and records the new chain start", async () => {
    const between = await writeOldAndRecent(6, 5);
    const lastDeletedHash = (await prisma.auditEvent.findUniqueOrThrow({ where: { seq: 6 } })).hash;
    const chainId = (await prisma.auditEvent.findUniqueOrThrow({ where: { seq: 1 } })).hash;

    const outcome = await pruneAuditEvents({
      retentionDays: 30,
      actor: SYSTEM_ACTOR,
      now: new Date(between.getTime() + 30 * DAY_MS),
    });

    expect(outcome).toMatchObject({
      pruned: true,
      eventSeq: 12,
      deletedCount: 6,
      deletedThroughSeq: 6,
      chainStart: { seq: 7, prevHash: lastDeletedHash },
    });
    expect(await prisma.auditEvent.count()).toBe(6);
    const pruned = await prisma.auditEvent.findUniqueOrThrow({ where: { seq: 12 } });
    expect(pruned).toMatchObject({ action: "audit.pruned", actorEmail: "system" });
    // The chain keeps its name (its event #1's hash) now that event #1 is gone.
    expect(JSON.parse(pruned.details)).toMatchObject({
      retentionDays: 30,
      chainStart: { seq: 7, prevHash: lastDeletedHash },
      chainId,
    });

    const result = await verify();
    expect(result).toMatchObject({
      ok: true,
      count: 6,
      firstSeq: 7,
      headSeq: 12,
      chainStart: { seq: 7, recordedBy: 12, chainId },
      notes: [],
    });
    expect(describeVerification(result)).toBe(
      "All 6 events verify (#7 to #12, starting at the chain start recorded by pruning event #12).",
    );
  });

  it("keeps the chain verifiable when every event was old enough, and across later appends and prunes", async () => {
    await writeEvents(4);
    const first = await pruneDayOld(new Date(), 2);
    expect(first).toMatchObject({ pruned: true, eventSeq: 5, deletedCount: 4, chainStart: { seq: 5 } });
    expect(await verify()).toMatchObject({ ok: true, count: 1, firstSeq: 5 });

    await writeEvents(3);
    expect(await verify()).toMatchObject({ ok: true, count: 4, headSeq: 8 });

    const second = await pruneDayOld(new Date(), 2);
    expect(second).toMatchObject({ pruned: true, eventSeq: 9, deletedCount: 4, chainStart: { seq: 9 } });
    expect(await verify()).toMatchObject({ ok: true, count: 1, chainStart: { seq: 9, recordedBy: 9 } });
  });

  it("does nothing, and records nothing, when no event is old enough", async () => {
    await writeEvents(3);
    expect(await pruneAuditEvents({ retentionDays: 30, actor: SYSTEM_ACTOR })).toEqual({ pruned: false });
    expect(await prisma.auditEvent.count()).toBe(3);
  });

  it("detects a retained event deleted right after the recorded chain start", async () => {
    const between = await writeOldAndRecent(3, 3);
    await pruneDayOld(between, 1);
    rawExec(`DELETE FROM "AuditEvent" WHERE seq = 4`);
    const result = await verify();
    expect(result).toMatchObject({ ok: false, problem: { kind: "chain_start_mismatch", seq: 4 } });
    expect(describeVerification(result)).toContain("Event #4 is missing");
  });

  it("detects a forged chain start in the pruning record", async () => {
    const between = await writeOldAndRecent(3, 3);
    const outcome = await pruneDayOld(between, 1);
    if (!outcome.pruned) throw new Error("expected a prune");
    rawExec(`DELETE FROM "AuditEvent" WHERE seq IN (4, 5)`);
    rawExec(`UPDATE "AuditEvent" SET details = replace(details, '"seq":4', '"seq":6') WHERE seq = ${outcome.eventSeq}`);
    expect(await verify()).toMatchObject({ ok: false, problem: { kind: "content_changed", seq: outcome.eventSeq } });
  });

  it("detects a deleted pruning record: the chain then appears to start mid-way", async () => {
    const between = await writeOldAndRecent(3, 3);
    const outcome = await pruneDayOld(between, 1);
    if (!outcome.pruned) throw new Error("expected a prune");
    rawExec(`DELETE FROM "AuditEvent" WHERE seq = ${outcome.eventSeq}`);
    expect(await verify()).toMatchObject({ ok: false, problem: { kind: "event_missing", seq: 1 } });
  });
});

describe("pruneAuditEvents in batches", () => {
  it("deletes a long prefix batch by batch, each with its own record, and the chain verifies after each", async () => {
    const between = await writeOldAndRecent(23, 2);
    const outcome = await pruneDayOld(between, 1, 7);

    expect(outcome).toMatchObject({ pruned: true, batches: 4, deletedCount: 23, deletedThroughSeq: 23 });
    const records = await prisma.auditEvent.findMany({ where: { action: "audit.pruned" }, orderBy: { seq: "asc" } });
    expect(records.map((r) => JSON.parse(r.details).deletedCount)).toEqual([7, 7, 7, 2]);
    // The two recent events and the four records remain, and the chain starts after the last deleted event.
    expect(await prisma.auditEvent.count()).toBe(6);
    expect(await verify()).toMatchObject({ ok: true, count: 6, firstSeq: 24, chainStart: { seq: 24 } });
  });

  it("never prunes its own records, even when every event is older than the retention", async () => {
    await writeEvents(5);
    const outcome = await pruneDayOld(new Date(), 2, 2);
    expect(outcome).toMatchObject({ pruned: true, batches: 3, deletedCount: 5 });
    expect(await prisma.auditEvent.count({ where: { action: "audit.pruned" } })).toBe(3);
    expect(await verify()).toMatchObject({ ok: true, count: 3 });
  });

  it("lets writers append between batches: every write lands and the chain verifies (both databases)", async () => {
    const between = await writeOldAndRecent(60, 0);
    const writers = Promise.all(
      Array.from({ length: 3 }, async () => {
        for (let i = 0; i < 8; i += 1) await writeEvents(1);
      }),
    );
    const outcome = await pruneDayOld(between, 1, 10);
    await writers;

    expect(outcome).toMatchObject({ pruned: true, batches: 6, deletedCount: 60 });
    expect(await prisma.auditEvent.count({ where: { action: "connection.tested" } })).toBe(24);
    expect(await verify()).toMatchObject({ ok: true, count: 24 + 6 });
  });
});
