import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";

const temp = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { getConfig } = await import("@/lib/config/env");
const { SYSTEM_ACTOR, recordAuditEvent } = await import("@/lib/audit/record-audit-event");
const { createUser, setUserRole, setUserDisabled, resetUserPassword } = await import("@/lib/users/manage-users");
const { pruneAuditEvents } = await import("@/lib/audit/prune-audit-events");
const { verifyAuditChain } = await import("@/lib/audit/verify-audit-chain");

const actor = { id: null, email: "admin@example.test", role: "ADMIN", ip: null, userAgent: null };

/** Makes every audit write fail inside the database, the way a full disk or a lock timeout would. */
function breakAuditWrites(): void {
  if (temp.kind === "sqlite") {
    temp.rawExec(
      `CREATE TRIGGER IF NOT EXISTS "fail_audit_insert" BEFORE INSERT ON "AuditEvent" BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END;`,
    );
    return;
  }
  temp.rawExec(`CREATE OR REPLACE FUNCTION "fail_audit_insert"() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit store unavailable'; END; $$ LANGUAGE plpgsql;
    CREATE OR REPLACE TRIGGER "fail_audit_insert" BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION "fail_audit_insert"()`);
}

afterEach(() => {
  temp.rawExec(
    temp.kind === "sqlite"
      ? `DROP TRIGGER IF EXISTS "fail_audit_insert"`
      : `DROP TRIGGER IF EXISTS "fail_audit_insert" ON "AuditEvent"`,
  );
});
afterAll(async () => {
  await prisma.$disconnect();
  temp.cleanup();
});

describe("a change whose audit write fails is rolled back", () => {
  it("leaves the user unchanged when recording a role change, disable or password reset fails", async () => {
    await createUser(actor, { email: "keeper@example.test", role: "ADMIN", password: "a-long-password-1" });
    const created = await createUser(actor, {
      email: "target@example.test",
      role: "AUDITOR",
      password: "a-long-password-1",
    });
    const before = await prisma.user.findUniqueOrThrow({ where: { id: created.id } });
    const eventsBefore = await prisma.auditEvent.count();

    breakAuditWrites();
    await expect(setUserRole(actor, created.id, "ADMIN")).rejects.toThrow(/auditEvent\.create|audit store unavailable/);
    await expect(setUserDisabled(actor, created.id, true)).rejects.toThrow(
      /auditEvent\.create|audit store unavailable/,
    );
    await expect(resetUserPassword(actor, created.id, "a-new-password-2")).rejects.toThrow(
      /auditEvent\.create|audit store unavailable/,
    );

    expect(await prisma.user.findUniqueOrThrow({ where: { id: created.id } })).toEqual(before);
    expect(await prisma.auditEvent.count()).toBe(eventsBefore);
  });

  it("creates no user when recording the creation fails", async () => {
    breakAuditWrites();
    await expect(
      createUser(actor, { email: "ghost@example.test", role: "AUDITOR", password: "a-long-password-1" }),
    ).rejects.toThrow(/auditEvent\.create|audit store unavailable/);
    expect(await prisma.user.findUnique({ where: { email: "ghost@example.test" } })).toBeNull();
  });

  it("rolls back the change made earlier in the same transaction when the event cannot be written", async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "target@example.test" } });
    breakAuditWrites();
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { id: user.id }, data: { name: "Changed" } });
        await recordAuditEvent(tx, {
          actor,
          action: "user.role_changed",
          target: { type: "user", id: user.id },
          details: { diff: { role: { from: "ADMIN", to: "AUDITOR" } } },
        });
      }),
    ).rejects.toThrow();
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe(user.name);
  });

  it("keeps the pruned events when the pruning record cannot be written", async () => {
    const count = await prisma.auditEvent.count();
    breakAuditWrites();
    await expect(
      pruneAuditEvents({ retentionDays: 1, actor: SYSTEM_ACTOR, now: new Date(Date.now() + 2 * 86_400_000) }),
    ).rejects.toThrow();
    expect(await prisma.auditEvent.count()).toBe(count);
    expect(await verifyAuditChain({ key: getConfig().auditKey })).toMatchObject({ ok: true, count });
  });
});
