/**
 * Server-side sessions against a real database built from the migrations (SQLite here,
 * PostgreSQL through `npm run test:unit:postgres`), on an injected clock: sign-out, the idle
 * timeout, the absolute lifetime, revocation on a password change, "last seen" writes and pruning.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { openSuiteDatabase } from "@/lib/testing/suite-database";
import { SYSTEM_ACTOR } from "@/lib/audit/record-audit-event";

const t = openSuiteDatabase({
  sessions: () => import("@/lib/auth/user-sessions"),
  users: () => import("@/lib/users/manage-users"),
});

beforeEach(async () => {
  await t.db.userSession.deleteMany();
});

const MINUTE = 60_000;
const policy = { idleMs: 30 * MINUTE, lifetimeMs: 8 * 60 * MINUTE };
const context = { ip: "10.0.0.8", userAgent: "vitest" };
const signedInAt = new Date("2026-12-05T09:00:00Z");
const at = (ms: number) => new Date(signedInAt.getTime() + ms);

let counter = 0;
async function newUser(password = "a-long-password-1") {
  counter += 1;
  return t.users.createUser(SYSTEM_ACTOR, { email: `session-${counter}@example.test`, role: "AUDITOR", password });
}

async function eventsOf(userId: string, action: "auth.sign_out" | "auth.session_expired") {
  return t.db.auditEvent.findMany({ where: { actorId: userId, action } });
}

describe("a session", () => {
  it("works until sign-out, then never again, and the sign-out is audited once", async () => {
    const user = await newUser();
    const id = await t.sessions.startUserSession(user.id, signedInAt, policy);
    expect((await t.sessions.resumeUserSession(id, user.id, context, at(MINUTE), policy))?.id).toBe(user.id);

    expect(await t.sessions.signOutUserSession(id, context, at(2 * MINUTE), policy)).toBe(true);
    expect(await t.sessions.resumeUserSession(id, user.id, context, at(3 * MINUTE), policy)).toBeNull();
    // Replaying the sign-out with the same cookie ends nothing more.
    expect(await t.sessions.signOutUserSession(id, context, at(4 * MINUTE), policy)).toBe(false);
    expect(await eventsOf(user.id, "auth.sign_out")).toHaveLength(1);
    expect(await t.db.userSession.findUniqueOrThrow({ where: { id } })).toMatchObject({
      endReason: "signed_out",
      revokedAt: at(2 * MINUTE),
    });
  });

  it("ends after the idle time without a request, audited once however many requests see it", async () => {
    const user = await newUser();
    const id = await t.sessions.startUserSession(user.id, signedInAt, policy);
    expect(await t.sessions.resumeUserSession(id, user.id, context, at(policy.idleMs - MINUTE), policy)).not.toBeNull();

    const idleUntil = at(policy.idleMs - MINUTE + policy.idleMs);
    const seen = await Promise.all(
      [1, 2, 3].map(() => t.sessions.resumeUserSession(id, user.id, context, idleUntil, policy)),
    );
    expect(seen).toEqual([null, null, null]);
    expect(await t.sessions.resumeUserSession(id, user.id, context, at(policy.idleMs), policy)).toBeNull();
    const [expired, ...more] = await eventsOf(user.id, "auth.session_expired");
    expect(more).toHaveLength(0);
    expect(JSON.parse(expired!.details)).toMatchObject({ reason: "idle" });
  });

  it("ends after 30 minutes idle by default (SESSION_IDLE_MINUTES unset)", async () => {
    const user = await newUser();
    const id = await t.sessions.startUserSession(user.id, signedInAt);
    expect(await t.sessions.resumeUserSession(id, user.id, context, at(30 * MINUTE - 1))).not.toBeNull();
    expect(await t.sessions.resumeUserSession(id, user.id, context, at(2 * 30 * MINUTE - 1))).toBeNull();
  });

  it("ends at the absolute lifetime however active it is", async () => {
    const user = await newUser();
    const id = await t.sessions.startUserSession(user.id, signedInAt, policy);
    for (let elapsed = 10 * MINUTE; elapsed < policy.lifetimeMs; elapsed += 10 * MINUTE) {
      expect(await t.sessions.resumeUserSession(id, user.id, context, at(elapsed), policy)).not.toBeNull();
    }
    expect(await t.sessions.resumeUserSession(id, user.id, context, at(policy.lifetimeMs), policy)).toBeNull();
    expect(await t.db.userSession.findUniqueOrThrow({ where: { id } })).toMatchObject({ endReason: "lifetime" });
  });

  it("records activity at most once a minute", async () => {
    const user = await newUser();
    const id = await t.sessions.startUserSession(user.id, signedInAt, policy);
    for (const elapsed of [1_000, 20_000, 59_000])
      await t.sessions.resumeUserSession(id, user.id, context, at(elapsed), policy);
    expect((await t.db.userSession.findUniqueOrThrow({ where: { id } })).lastSeenAt).toEqual(signedInAt);
    await t.sessions.resumeUserSession(id, user.id, context, at(MINUTE), policy);
    expect((await t.db.userSession.findUniqueOrThrow({ where: { id } })).lastSeenAt).toEqual(at(MINUTE));
  });

  it("is refused for another user's id and for an unknown session", async () => {
    const [owner, other] = [await newUser(), await newUser()];
    const id = await t.sessions.startUserSession(owner.id, signedInAt, policy);
    expect(await t.sessions.resumeUserSession(id, other.id, context, at(MINUTE), policy)).toBeNull();
    expect(await t.sessions.resumeUserSession("no-such-session", owner.id, context, at(MINUTE), policy)).toBeNull();
  });
});

describe("a password change", () => {
  it("ends every open session of that user, and only theirs", async () => {
    const [user, bystander] = [await newUser("old-long-password-1"), await newUser()];
    const mine = await Promise.all([1, 2].map(() => t.sessions.startUserSession(user.id, new Date(), policy)));
    const theirs = await t.sessions.startUserSession(bystander.id, new Date(), policy);

    expect(
      await t.users.changeOwnPassword(
        user,
        { ...SYSTEM_ACTOR, id: user.id },
        { currentPassword: "old-long-password-1", newPassword: "new-long-password-1" },
      ),
    ).toEqual({ changed: true });
    for (const id of mine)
      expect(await t.sessions.resumeUserSession(id, user.id, context, new Date(), policy)).toBeNull();
    expect(await t.db.userSession.count({ where: { userId: user.id, endReason: "password_changed" } })).toBe(2);
    expect(await t.sessions.resumeUserSession(theirs, bystander.id, context, new Date(), policy)).not.toBeNull();
  });

  it("made by an admin also ends the user's sessions", async () => {
    const user = await newUser();
    const id = await t.sessions.startUserSession(user.id, new Date(), policy);
    await t.users.resetUserPassword(SYSTEM_ACTOR, user.id);
    expect(await t.sessions.resumeUserSession(id, user.id, context, new Date(), policy)).toBeNull();
  });
});

describe("pruning", () => {
  it("keeps one lifetime of rows, whatever their state, and runs at each sign-in", async () => {
    const user = await newUser();
    const old = await t.sessions.startUserSession(user.id, signedInAt, policy);
    const signedOut = await t.sessions.startUserSession(user.id, at(MINUTE), policy);
    await t.sessions.signOutUserSession(signedOut, context, at(2 * MINUTE), policy);

    expect(await t.sessions.pruneEndedSessions(at(policy.lifetimeMs - 1), policy)).toBe(0);
    const fresh = await t.sessions.startUserSession(user.id, at(policy.lifetimeMs + 1), policy);
    expect((await t.db.userSession.findMany({ select: { id: true } })).map((s) => s.id).sort()).toEqual(
      [fresh, signedOut].sort(),
    );
    expect(await t.sessions.pruneEndedSessions(at(policy.lifetimeMs + 2 * MINUTE), policy)).toBe(1);
    expect(await t.db.userSession.findUnique({ where: { id: old } })).toBeNull();
  });
});
