import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";
import { passedTestEvent } from "@/lib/testing/audit-test-events";

const temp = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { getConfig } = await import("@/lib/config/env");
const { recordAuditEvent } = await import("@/lib/audit/record-audit-event");
const { buildAuditWhere, listAuditEventsPage } = await import("@/lib/audit/list-audit-events");
const { verifyAuditChain } = await import("@/lib/audit/verify-audit-chain");
const { parseAuditSearchParams } = await import("@/lib/schemas/audit-filter");

const actor = { id: null, email: "clock@example.test", role: "ADMIN", ip: null, userAgent: null };

async function recordAt(isoTime: string, name: string): Promise<void> {
  vi.setSystemTime(new Date(isoTime));
  await prisma.$transaction((tx) => recordAuditEvent(tx, passedTestEvent(actor, { id: name, name })));
}

async function namesBetween(params: Record<string, string>): Promise<string[]> {
  const parsed = parseAuditSearchParams(params);
  if (!parsed.ok) throw new Error("bad filter");
  const page = await listAuditEventsPage(await buildAuditWhere(parsed.filter), {});
  return page.events.map((e) => e.targetName ?? "");
}

afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => {
  await prisma.$disconnect();
  temp.cleanup();
});

describe("recordAuditEvent event times", () => {
  it("never go backwards, even when the wall clock does, and the chain still verifies", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    await recordAt("2026-01-01T10:00:00Z", "d1-a");
    await recordAt("2026-01-02T09:00:00Z", "d2-a");
    await recordAt("2026-01-02T08:00:00Z", "clock-went-back");
    await recordAt("2026-01-03T23:59:59.999Z", "d3-last-ms");
    await recordAt("2026-01-04T00:00:00Z", "d4-first-ms");
    vi.useRealTimers();

    const events = await prisma.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(events.map((e) => e.createdAt.toISOString())).toEqual([
      "2026-01-01T10:00:00.000Z",
      "2026-01-02T09:00:00.000Z",
      "2026-01-02T09:00:00.000Z",
      "2026-01-03T23:59:59.999Z",
      "2026-01-04T00:00:00.000Z",
    ]);
    expect(await verifyAuditChain({ key: getConfig().auditKey })).toMatchObject({ ok: true, count: 5 });
  });

  it("so that a date range, served as a seq range, holds exactly the events of those days", async () => {
    expect(await namesBetween({ from: "2026-01-02", to: "2026-01-03" })).toEqual([
      "d3-last-ms",
      "clock-went-back",
      "d2-a",
    ]);
    expect(await namesBetween({ from: "2026-01-04" })).toEqual(["d4-first-ms"]);
    expect(await namesBetween({ to: "2026-01-01" })).toEqual(["d1-a"]);
    expect(await namesBetween({ from: "2026-01-05" })).toEqual([]);
    expect(await namesBetween({ to: "2025-12-31" })).toEqual([]);
    expect(await namesBetween({ from: "2026-01-02", to: "2026-01-02", action: "connection.tested" })).toEqual([
      "clock-went-back",
      "d2-a",
    ]);
  });
});

describe("recordAuditEvent under concurrent appends", () => {
  it("keeps one linear chain when many transactions append at the same moment", async () => {
    const before = await prisma.auditEvent.count();
    // On PostgreSQL these run on separate pooled connections, as on several replicas.
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        prisma.$transaction((tx) =>
          recordAuditEvent(tx, passedTestEvent(actor, { id: `c${i}`, name: `parallel-${i}` })),
        ),
      ),
    );
    const seqs = (await prisma.auditEvent.findMany({ orderBy: { seq: "asc" }, select: { seq: true } })).map(
      (e) => e.seq,
    );
    expect(seqs).toEqual(Array.from({ length: before + 16 }, (_, i) => i + 1));
    expect(await verifyAuditChain({ key: getConfig().auditKey })).toMatchObject({ ok: true, count: before + 16 });
  });
});

describe("recordAuditEvent with details that do not match the kind", () => {
  it("refuses the event and writes nothing, so the chain still verifies", async () => {
    const before = await prisma.auditEvent.count();
    await expect(
      prisma.$transaction((tx) =>
        recordAuditEvent(tx, {
          actor,
          action: "keys.rotated",
          // @ts-expect-error a key rotation's details name the active key and the count
          details: { activeKeyId: "k2", clientSecret: "never-stored" },
        }),
      ),
    ).rejects.toThrow(/keys\.rotated refused/);
    expect(await prisma.auditEvent.count()).toBe(before);
    expect(await verifyAuditChain({ key: getConfig().auditKey })).toMatchObject({ ok: true, count: before });
  });
});
