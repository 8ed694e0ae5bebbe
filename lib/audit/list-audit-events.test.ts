import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";

const temp = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { recordAuditEvent } = await import("@/lib/audit/record-audit-event");
const { buildAuditWhere, describeAuditConnection, listAuditEventsPage } = await import("@/lib/audit/list-audit-events");
const { parseAuditSearchParams } = await import("@/lib/schemas/audit-filter");

const alice = { id: "", email: "alice@example.test", role: "ADMIN", ip: null, userAgent: null };
const stranger = { id: null, email: "stranger@example.test", role: null, ip: null, userAgent: null };

async function where(params: Record<string, string>) {
  const parsed = parseAuditSearchParams(params);
  if (!parsed.ok) throw new Error("bad filter");
  return buildAuditWhere(parsed.filter);
}

beforeAll(async () => {
  const user = await prisma.user.create({ data: { email: alice.email, passwordHash: "x", role: "ADMIN" } });
  alice.id = user.id;
  await prisma.connection.create({ data: { id: "conn-a", name: "Salesforce prod", nameKey: "salesforce prod" } });
  await prisma.connection.create({ data: { id: "conn-b", name: "Salesforce sandbox", nameKey: "salesforce sandbox" } });
  // 1..120: alternating actors and actions; every third event is about conn-a.
  for (let i = 1; i <= 120; i += 1) {
    await prisma.$transaction((tx) =>
      recordAuditEvent(tx, {
        target: i % 3 === 0 ? { type: "connection", id: "conn-a", name: "Salesforce prod" } : undefined,
        ...(i % 2
          ? { actor: alice, action: "connection.updated", details: { diff: {} } }
          : { actor: stranger, action: "auth.sign_in_failed", details: { reason: "invalid_credentials" } }),
      }),
    );
  }
});
afterAll(async () => {
  await prisma.$disconnect();
  temp.cleanup();
});

describe("listAuditEventsPage", () => {
  it("pages newest first by keyset, and back again", async () => {
    const first = await listAuditEventsPage({}, {}, 50);
    expect(first.events.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 120 - i));
    expect(first).toMatchObject({ olderCursor: 71, newerCursor: undefined });

    const second = await listAuditEventsPage({}, { before: 71 }, 50);
    expect(second.events[0]!.seq).toBe(70);
    expect(second).toMatchObject({ olderCursor: 21, newerCursor: 70 });

    const last = await listAuditEventsPage({}, { before: 21 }, 50);
    expect(last.events.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    expect(last.olderCursor).toBeUndefined();

    const back = await listAuditEventsPage({}, { after: 70 }, 50);
    expect(back.events.map((e) => e.seq)).toEqual(first.events.map((e) => e.seq));
    expect(back.newerCursor).toBeUndefined();
    const middle = await listAuditEventsPage({}, { after: 20 }, 50);
    expect(middle.events.map((e) => e.seq)).toEqual(second.events.map((e) => e.seq));
    expect(middle.newerCursor).toBe(70);
  });

  it("filters by a user actor (by id), an actor who is no user (by recorded email), action and connection", async () => {
    const byAlice = await listAuditEventsPage(await where({ actor: "ALICE@example.test" }), {}, 200);
    expect(byAlice.events).toHaveLength(60);
    expect(byAlice.events.every((e) => e.actorId === alice.id)).toBe(true);

    const byStranger = await listAuditEventsPage(await where({ actor: "stranger@example.test" }), {}, 200);
    expect(byStranger.events).toHaveLength(60);

    const failed = await listAuditEventsPage(await where({ action: "auth.sign_in_failed" }), {}, 200);
    expect(failed.events.every((e) => e.action === "auth.sign_in_failed")).toBe(true);

    const byId = await listAuditEventsPage(await where({ connection: "conn-a" }), {}, 200);
    const byName = await listAuditEventsPage(await where({ connection: "Salesforce prod" }), {}, 200);
    expect(byId.events).toHaveLength(40);
    expect(byName.events.map((e) => e.seq)).toEqual(byId.events.map((e) => e.seq));

    const combined = await listAuditEventsPage(
      await where({ connection: "conn-a", actor: "alice@example.test" }),
      {},
      200,
    );
    expect(combined.events.map((e) => e.seq)).toEqual(byId.events.filter((e) => e.seq % 2 === 1).map((e) => e.seq));
  });

  it("matches connection names ignoring case, and by part of a name", async () => {
    const byId = await listAuditEventsPage(await where({ connection: "conn-a" }), {}, 200);
    const exactOtherCase = await listAuditEventsPage(await where({ connection: "SALESFORCE PROD" }), {}, 200);
    expect(exactOtherCase.events.map((e) => e.seq)).toEqual(byId.events.map((e) => e.seq));
    const partial = await listAuditEventsPage(await where({ connection: "force pr" }), {}, 200);
    expect(partial.events.map((e) => e.seq)).toEqual(byId.events.map((e) => e.seq));
    expect(await describeAuditConnection("force PR")).toEqual({
      kind: "one",
      id: "conn-a",
      name: "Salesforce prod",
      exists: true,
    });
    expect(await describeAuditConnection("salesforce")).toEqual({
      kind: "partial",
      text: "salesforce",
      count: 2,
      limited: false,
    });
    // Neither an id nor part of a name: kept as the id of a deleted connection.
    expect(await describeAuditConnection("gone-id")).toEqual({
      kind: "one",
      id: "gone-id",
      name: "gone-id",
      exists: false,
    });
  });

  it("filters by date range, the end day inclusive", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const all = await listAuditEventsPage(await where({ from: today, to: today }), {}, 200);
    expect(all.events).toHaveLength(120);
    const none = await listAuditEventsPage(await where({ from: "2001-01-01", to: "2001-12-31" }), {}, 200);
    expect(none.events).toHaveLength(0);
  });

  it("filters by an API key as the trail names it, capitals and all, and by an email in any case", async () => {
    const bot = { id: null, email: "API key Billing bot (hs_ab12…)", role: "API_KEY", ip: null, userAgent: null };
    for (let i = 0; i < 3; i += 1) {
      await prisma.$transaction((tx) =>
        recordAuditEvent(tx, { actor: bot, action: "connection.updated", details: { diff: {} } }),
      );
    }
    const byKey = await listAuditEventsPage(await where({ actor: ` ${bot.email} ` }), {}, 200);
    expect(byKey.events.map((e) => [e.actorEmail, e.seq])).toEqual([
      [bot.email, 123],
      [bot.email, 122],
      [bot.email, 121],
    ]);
    const byStranger = await listAuditEventsPage(await where({ actor: "Stranger@Example.test" }), {}, 200);
    expect(byStranger.events).toHaveLength(60);
  });
});
