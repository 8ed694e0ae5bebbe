/**
 * The current-password check of a user's own password change, against a real database: wrong
 * passwords are audited and throttled like sign-ins, refused attempts are only counted.
 */
import { describe, expect, it } from "vitest";
import { openSuiteDatabase } from "@/lib/testing/suite-database";

const t = openSuiteDatabase({
  users: () => import("@/lib/users/manage-users"),
  audit: () => import("@/lib/audit/record-audit-event"),
});

describe("changeOwnPassword", () => {
  it("audits each wrong current password, delays guessing after five, and changes the password once it is right", async () => {
    const user = await t.users.createUser(t.audit.SYSTEM_ACTOR, {
      email: "changer@example.test",
      role: "AUDITOR",
      password: "the-current-password-1",
    });
    const actor = { id: user.id, email: user.email, role: "AUDITOR", ip: "198.51.100.4", userAgent: "test" };
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.users.changeOwnPassword(user, actor, { currentPassword: `guess-${i}`, newPassword: "a-new-password-123" }),
      ),
    );
    expect(guesses.filter((g) => !g.changed && g.reason === "wrong_password")).toHaveLength(5);
    expect(guesses.filter((g) => !g.changed && g.reason === "throttled")).toHaveLength(7);
    const failed = await t.db.auditEvent.findMany({
      where: { action: "auth.password_change_failed", actorEmail: user.email },
    });
    expect(failed).toHaveLength(5);
    expect(failed.every((e) => !e.details.includes("guess-"))).toBe(true);

    // Even the right password waits out the delay: the check is reserved before it runs.
    const early = await t.users.changeOwnPassword(user, actor, {
      currentPassword: "the-current-password-1",
      newPassword: "a-new-password-123",
    });
    expect(early).toMatchObject({ changed: false, reason: "throttled" });
    await t.db.signInThrottle.updateMany({ data: { blockedUntil: new Date(0) } });
    expect(
      await t.users.changeOwnPassword(user, actor, {
        currentPassword: "the-current-password-1",
        newPassword: "a-new-password-123",
      }),
    ).toEqual({ changed: true });
    expect(await t.db.signInThrottle.count({ where: { key: { contains: user.id } } })).toBe(0);

    // An auditor changing their own password is that, not an admin's reset.
    const changed = await t.db.auditEvent.findMany({
      where: { targetId: user.id, action: { in: ["auth.password_changed", "user.password_reset"] } },
    });
    expect(changed.map((e) => [e.action, e.actorEmail])).toEqual([["auth.password_changed", user.email]]);
    expect(JSON.parse(changed[0]!.details)).toEqual({ password: { changed: true }, self: true });
  });
});
