/**
 * The admin's session limits against a real database (SQLite here, PostgreSQL through
 * `npm run test:unit:postgres`): defaults, changes audited once, and sessions that follow the
 * stored limits at their next request without being told.
 */
import { describe, expect, it } from "vitest";
import { openSuiteDatabase } from "@/lib/testing/suite-database";
import { SYSTEM_ACTOR } from "@/lib/audit/record-audit-event";
import { sessionLimitsSchema } from "@/lib/schemas/auth";

const t = openSuiteDatabase({
  policy: () => import("@/lib/auth/session-policy"),
  sessions: () => import("@/lib/auth/user-sessions"),
  users: () => import("@/lib/users/manage-users"),
});

const MINUTE = 60_000;
const context = { ip: "10.0.0.8", userAgent: "vitest" };
const wide = { idleMs: 24 * 60 * MINUTE, lifetimeMs: 7 * 24 * 60 * MINUTE };
let counter = 0;

async function sessionStartedAgo(minutes: number) {
  counter += 1;
  const user = await t.users.createUser(SYSTEM_ACTOR, { email: `limits-${counter}@example.test`, role: "AUDITOR" });
  const id = await t.sessions.startUserSession(user.id, new Date(Date.now() - minutes * MINUTE), wide);
  return { user, id };
}

describe("session limits", () => {
  it("default to SESSION_IDLE_MINUTES and 8 hours, change once per real change, audited with from and to", async () => {
    expect(await t.policy.readSessionLimits()).toEqual({ idleMinutes: 30, lifetimeHours: 8 });
    await t.policy.setSessionLimits(SYSTEM_ACTOR, { idleMinutes: 15, lifetimeHours: 12 });
    await t.policy.setSessionLimits(SYSTEM_ACTOR, { idleMinutes: 15, lifetimeHours: 12 });
    expect(await t.policy.readSessionLimits()).toEqual({ idleMinutes: 15, lifetimeHours: 12 });
    expect(await t.policy.readSessionPolicy()).toEqual({ idleMs: 15 * MINUTE, lifetimeMs: 12 * 60 * MINUTE });
    const changes = await t.db.auditEvent.findMany({ where: { action: "auth.session_limits_changed" } });
    expect(changes.map((e) => JSON.parse(e.details))).toEqual([
      { idleMinutes: { from: 30, to: 15 }, lifetimeHours: { from: 8, to: 12 } },
    ]);
  });

  it("end an open session idle longer than the new idle timeout at its next request", async () => {
    const { user, id } = await sessionStartedAgo(10);
    await t.policy.setSessionLimits(SYSTEM_ACTOR, { idleMinutes: 30, lifetimeHours: 8 });
    expect((await t.sessions.resumeUserSession(id, user.id, context))?.id).toBe(user.id);
    // The first resume marked it seen now: make it idle for 10 minutes again, then shorten the timeout.
    await t.db.userSession.update({ where: { id }, data: { lastSeenAt: new Date(Date.now() - 10 * MINUTE) } });
    await t.policy.setSessionLimits(SYSTEM_ACTOR, { idleMinutes: 5, lifetimeHours: 8 });
    expect(await t.sessions.resumeUserSession(id, user.id, context)).toBeNull();
    expect(await t.db.userSession.findUniqueOrThrow({ where: { id } })).toMatchObject({ endReason: "idle" });
  });

  it("end an active session older than the new lifetime", async () => {
    const { user, id } = await sessionStartedAgo(90);
    await t.db.userSession.update({ where: { id }, data: { lastSeenAt: new Date() } });
    await t.policy.setSessionLimits(SYSTEM_ACTOR, { idleMinutes: 30, lifetimeHours: 1 });
    expect(await t.sessions.resumeUserSession(id, user.id, context)).toBeNull();
    expect(await t.db.userSession.findUniqueOrThrow({ where: { id } })).toMatchObject({ endReason: "lifetime" });
  });

  it("are refused outside their bounds by the form's schema", () => {
    expect(sessionLimitsSchema.safeParse({ idleMinutes: 5, lifetimeHours: 168 }).success).toBe(true);
    expect(sessionLimitsSchema.safeParse({ idleMinutes: 4, lifetimeHours: 8 }).success).toBe(false);
    expect(sessionLimitsSchema.safeParse({ idleMinutes: 30, lifetimeHours: 169 }).success).toBe(false);
    expect(sessionLimitsSchema.safeParse({ idleMinutes: 7.5, lifetimeHours: 8 }).success).toBe(false);
  });
});
