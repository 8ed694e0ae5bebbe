import Database from "better-sqlite3";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";

const temp = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { getConfig } = await import("@/lib/config/env");
const { recordAuditEvent } = await import("@/lib/audit/record-audit-event");
const { createUser, setUserRole, setUserDisabled, resetUserPassword } = await import("@/lib/users/manage-users");
const { verifyAuditChain, describeVerification } = await import("@/lib/audit/verify-audit-chain");

const actor = { id: null, email: "admin@example.test", role: "ADMIN", ip: "127.0.0.1", userAgent: "vitest" };

/** A real history: user management through the app's own functions, plus connection events. */
async function writeHistory(): Promise<void> {
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  await createUser(actor, { email: `admin-${stamp}@example.test`, role: "ADMIN", password: "a-long-password-1" });
  const user = await createUser(actor, { email: `user-${stamp}@example.test`, role: "AUDITOR", password: "a-long-password-1" });
  await setUserRole(actor, user.id, "ADMIN");
  await setUserDisabled(actor, user.id, true);
  await resetUserPassword(actor, user.id, "another-password-2");
  for (let i = 0; i < 16; i += 1) {
    await prisma.$transaction((tx) =>
      recordAuditEvent(tx, {
        actor,
        action: "connection.updated",
        target: { type: "connection", id: `conn-${i % 3}`, name: `Connection ${i % 3}` },
        details: { diff: { scopes: { from: ["a"], to: ["a", `s${i}`] }, clientSecret: { changed: true, secret: true } } },
      }),
    );
  }
}

function raw<T>(run: (db: Database.Database) => T): T {
  const db = new Database(temp.databaseFile);
  try {
    return run(db);
  } finally {
    db.close();
  }
}

const verify = (batchSize?: number) => verifyAuditChain({ key: getConfig().auditKey, batchSize });

beforeEach(async () => {
  // Each test tampers with its own fresh history.
  raw((db) => db.exec(`DELETE FROM "AuditEvent"`));
  await writeHistory();
});
afterAll(async () => {
  await prisma.$disconnect();
  temp.cleanup();
});

describe("verifyAuditChain", () => {
  it("verifies a real history, across batch boundaries", async () => {
    const count = await prisma.auditEvent.count();
    for (const batchSize of [1, 3, 2000]) {
      const result = await verify(batchSize);
      expect(result).toMatchObject({ ok: true, count, firstSeq: 1, headSeq: count });
    }
    expect(describeVerification(await verify())).toBe(`All ${count} events verify (#1 to #${count}).`);
  });

  it("names the event whose stored content was changed", async () => {
    raw((db) => db.prepare(`UPDATE "AuditEvent" SET "actorEmail" = 'someone-else@example.test' WHERE seq = 7`).run());
    const result = await verify(3);
    expect(result).toMatchObject({ ok: false, verifiedCount: 6, problem: { kind: "content_changed", seq: 7 } });
    expect(describeVerification(result)).toMatch(/^Broken at event #7: Event #7 was changed after it was written/);
  });

  it("detects a changed diff inside the details", async () => {
    const changed = raw((db) => db.prepare(`UPDATE "AuditEvent" SET details = replace(details, '"s3"', '"s9"') WHERE seq = 9`).run());
    expect(changed.changes).toBe(1);
    expect(await verify()).toMatchObject({ ok: false, problem: { kind: "content_changed", seq: 9 } });
  });

  it("detects a forged hash on a changed event", async () => {
    raw((db) => db.prepare(`UPDATE "AuditEvent" SET hash = '${"f".repeat(64)}' WHERE seq = 5`).run());
    expect(await verify()).toMatchObject({ ok: false, problem: { kind: "content_changed", seq: 5 } });
  });

  it("names a deleted event", async () => {
    raw((db) => db.prepare(`DELETE FROM "AuditEvent" WHERE seq = 10`).run());
    const result = await verify(4);
    expect(result).toMatchObject({ ok: false, verifiedCount: 9, problem: { kind: "event_missing", seq: 10 } });
    expect(describeVerification(result)).toContain("Event #10 is missing: the chain jumps from #9 to #11.");
  });

  it("names a deleted first event", async () => {
    raw((db) => db.prepare(`DELETE FROM "AuditEvent" WHERE seq = 1`).run());
    expect(await verify()).toMatchObject({ ok: false, verifiedCount: 0, problem: { kind: "event_missing", seq: 1 } });
  });

  it("detects a deleted event whose successors were renumbered", async () => {
    raw((db) => {
      db.prepare(`DELETE FROM "AuditEvent" WHERE seq = 6`).run();
      const rest = db.prepare(`SELECT seq FROM "AuditEvent" WHERE seq > 6 ORDER BY seq`).all() as { seq: number }[];
      for (const { seq } of rest) db.prepare(`UPDATE "AuditEvent" SET seq = ? WHERE seq = ?`).run(seq - 1, seq);
    });
    const result = await verify();
    expect(result).toMatchObject({ ok: false, verifiedCount: 5, problem: { kind: "event_missing", seq: 6 } });
    expect(describeVerification(result)).toContain("(written as #7) is missing");
  });

  it("names two events whose order was swapped", async () => {
    raw((db) => {
      db.prepare(`UPDATE "AuditEvent" SET seq = -1 WHERE seq = 12`).run();
      db.prepare(`UPDATE "AuditEvent" SET seq = 12 WHERE seq = 13`).run();
      db.prepare(`UPDATE "AuditEvent" SET seq = 13 WHERE seq = -1`).run();
    });
    const result = await verify();
    expect(result).toMatchObject({ ok: false, verifiedCount: 11, problem: { kind: "order_changed", seq: 12 } });
    expect(describeVerification(result)).toContain("Event #12 is out of order: it was written as #13.");
  });

  it("names events swapped far apart", async () => {
    raw((db) => {
      db.prepare(`UPDATE "AuditEvent" SET seq = -1 WHERE seq = 2`).run();
      db.prepare(`UPDATE "AuditEvent" SET seq = 2 WHERE seq = 19`).run();
      db.prepare(`UPDATE "AuditEvent" SET seq = 19 WHERE seq = -1`).run();
    });
    expect(await verify()).toMatchObject({ ok: false, problem: { kind: "order_changed", seq: 2, message: "Event #2 is out of order: it was written as #19." } });
  });

  it("reports the empty trail as nothing to verify", async () => {
    raw((db) => db.exec(`DELETE FROM "AuditEvent"`));
    const result = await verify();
    expect(result).toMatchObject({ ok: true, count: 0 });
    expect(describeVerification(result)).toBe("The audit trail is empty: nothing to verify.");
  });
});
