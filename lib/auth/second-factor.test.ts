/**
 * The authenticator app and recovery codes against a real database built from the migrations
 * (SQLite here, PostgreSQL through `npm run test:unit:postgres`), on an injected clock.
 */
import { describe, expect, it } from "vitest";
import { openSuiteDatabase } from "@/lib/testing/suite-database";
import { SYSTEM_ACTOR } from "@/lib/audit/record-audit-event";
import { totpCodeAt } from "@/lib/auth/totp";
import { SECOND_FACTOR_REQUIRED } from "@/lib/auth/second-factor-messages";

const t = openSuiteDatabase({
  enrolment: () => import("@/lib/auth/totp-enrolment"),
  signIn: () => import("@/lib/auth/second-factor-sign-in"),
  recovery: () => import("@/lib/auth/recovery-codes"),
  users: () => import("@/lib/users/manage-users"),
});

const T0 = new Date("2026-12-05T09:00:10Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
let counter = 0;

/** A user with a confirmed authenticator app: its secret and recovery codes. */
async function enrolledUser() {
  counter += 1;
  const user = await t.users.createUser(SYSTEM_ACTOR, {
    email: `totp-${counter}@example.test`,
    role: "AUDITOR",
    password: "a-long-password-1",
  });
  const { secret } = await t.enrolment.startTotpEnrolment(user);
  const { recoveryCodes } = await t.enrolment.confirmTotpEnrolment(user, SYSTEM_ACTOR, totpCodeAt(secret, T0), T0);
  return { user, secret, recoveryCodes };
}

describe("enrolment", { timeout: 60_000 }, () => {
  it("is on only after a valid code, seals the secret and audits without it", async () => {
    counter += 1;
    const user = await t.users.createUser(SYSTEM_ACTOR, { email: `enrol-${counter}@example.test`, role: "ADMIN" });
    const started = await t.enrolment.startTotpEnrolment(user);
    expect(started.uri).toContain(`secret=${started.secret}`);
    expect(started.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    await expect(t.enrolment.confirmTotpEnrolment(user, SYSTEM_ACTOR, "000000", T0)).rejects.toThrow(/not right/);
    expect(await t.enrolment.secondFactorStatusOf(user.id)).toEqual({ totp: false, recoveryCodesLeft: 0 });

    const { recoveryCodes } = await t.enrolment.confirmTotpEnrolment(
      user,
      SYSTEM_ACTOR,
      totpCodeAt(started.secret, T0),
      T0,
    );
    expect(recoveryCodes).toHaveLength(t.recovery.RECOVERY_CODE_COUNT);
    expect(new Set(recoveryCodes).size).toBe(t.recovery.RECOVERY_CODE_COUNT);
    expect(await t.enrolment.secondFactorStatusOf(user.id)).toEqual({ totp: true, recoveryCodesLeft: 10 });

    const stored = JSON.stringify([
      await t.db.userTotp.findMany({ where: { userId: user.id } }),
      await t.db.recoveryCode.findMany({ where: { userId: user.id } }),
      await t.db.auditEvent.findMany({ where: { targetId: user.id } }),
    ]);
    expect(stored).not.toContain(started.secret);
    for (const code of recoveryCodes) expect(stored).not.toContain(code.replace("-", ""));
    const events = await t.db.auditEvent.findMany({
      where: { targetId: user.id, action: "auth.second_factor_enrolled" },
    });
    expect(events).toHaveLength(1);
  });

  it("cannot start over while an app is on; removal turns it and its recovery codes off, audited", async () => {
    const { user } = await enrolledUser();
    await expect(t.enrolment.startTotpEnrolment(user)).rejects.toThrow(/Remove it first/);
    await t.enrolment.removeTotp(user, SYSTEM_ACTOR);
    expect(await t.enrolment.secondFactorStatusOf(user.id)).toEqual({ totp: false, recoveryCodesLeft: 0 });
    expect(await t.db.auditEvent.count({ where: { targetId: user.id, action: "auth.second_factor_removed" } })).toBe(1);
    await expect(t.enrolment.removeTotp(user, SYSTEM_ACTOR)).rejects.toThrow(/No authenticator app/);
  });
});

// Each enrolment hashes ten codes and each redemption may verify ten (argon2id, 19 MiB): slow on a loaded machine.
describe("a recovery code", { timeout: 60_000 }, () => {
  it("works once, however it is typed, and never again", async () => {
    const { user, recoveryCodes } = await enrolledUser();
    const code = recoveryCodes[3]!;
    expect(await t.recovery.redeemRecoveryCode(user.id, ` ${code.toUpperCase().replace("-", " ")} `)).toEqual({
      remaining: 9,
    });
    expect(await t.recovery.redeemRecoveryCode(user.id, code)).toBeNull();
    expect(await t.recovery.redeemRecoveryCode(user.id, "abcde-fghjk")).toBeNull();
    expect(await t.recovery.redeemRecoveryCode(user.id, recoveryCodes[4]!)).toEqual({ remaining: 8 });
  });

  it("of one user does not work for another", async () => {
    const first = await enrolledUser();
    const second = await enrolledUser();
    expect(await t.recovery.redeemRecoveryCode(second.user.id, first.recoveryCodes[0]!)).toBeNull();
  });
});

describe("the sign-in check", { timeout: 60_000 }, () => {
  const actor = { id: null, email: "x", role: null, ip: "10.0.0.9", userAgent: "vitest" };

  it("asks for a code, refuses a wrong or replayed one (audited), accepts a fresh one and a recovery code once", async () => {
    const { user, secret, recoveryCodes } = await enrolledUser();
    await expect(t.signIn.checkSecondFactor(user, { code: "", passkey: "" }, actor, at(3))).rejects.toThrow(
      `${SECOND_FACTOR_REQUIRED}:{"totp":true,"passkey":null}`,
    );
    await expect(t.signIn.checkSecondFactor(user, { code: "123456", passkey: "" }, actor, at(4))).rejects.toThrow(
      /not right/,
    );
    // The enrolment code's step was used: the same code is refused even within its window.
    await expect(
      t.signIn.checkSecondFactor(user, { code: totpCodeAt(secret, T0), passkey: "" }, actor, at(5)),
    ).rejects.toThrow(/not right/);
    expect(
      await t.signIn.checkSecondFactor(user, { code: totpCodeAt(secret, at(60)), passkey: "" }, actor, at(60)),
    ).toBe("totp");
    await expect(
      t.signIn.checkSecondFactor(user, { code: totpCodeAt(secret, at(60)), passkey: "" }, actor, at(61)),
    ).rejects.toThrow(/not right/);
    expect(await t.signIn.checkSecondFactor(user, { code: recoveryCodes[0]!, passkey: "" }, actor, at(90))).toBe(
      "recovery_code",
    );
    await expect(
      t.signIn.checkSecondFactor(user, { code: recoveryCodes[0]!, passkey: "" }, actor, at(95)),
    ).rejects.toThrow(/not right/);

    const failures = await t.db.auditEvent.findMany({
      where: { targetId: user.id, action: "auth.second_factor_failed" },
    });
    expect(failures.map((e) => JSON.parse(e.details).method)).toEqual(["totp", "totp", "totp", "recovery_code"]);
    expect(await t.db.auditEvent.count({ where: { targetId: user.id, action: "auth.recovery_code_used" } })).toBe(1);
  });

  it("holds off even a right code after five wrong ones", async () => {
    const { user, secret } = await enrolledUser();
    for (let i = 0; i < 5; i += 1)
      await expect(
        t.signIn.checkSecondFactor(user, { code: `00000${i}`, passkey: "" }, actor, at(30 + i)),
      ).rejects.toThrow(/not right/);
    await expect(
      t.signIn.checkSecondFactor(user, { code: totpCodeAt(secret, at(36)), passkey: "" }, actor, at(36)),
    ).rejects.toThrow(/Too many wrong codes\. Try again in \d+ seconds?\./);
  });

  it("lets a user without a second factor through", async () => {
    counter += 1;
    const user = await t.users.createUser(SYSTEM_ACTOR, { email: `plain-${counter}@example.test`, role: "AUDITOR" });
    expect(await t.signIn.checkSecondFactor(user, { code: "", passkey: "" }, actor, T0)).toBeNull();
  });
});

describe("the admin's requirement", () => {
  it("is off by default, switches on and off, and each change is audited with its direction", async () => {
    const policy = await import("@/lib/auth/second-factor-policy");
    expect(await policy.isSecondFactorRequired()).toBe(false);
    await policy.setSecondFactorRequired(SYSTEM_ACTOR, true);
    await policy.setSecondFactorRequired(SYSTEM_ACTOR, true);
    expect(await policy.isSecondFactorRequired()).toBe(true);
    await policy.setSecondFactorRequired(SYSTEM_ACTOR, false);
    expect(await policy.isSecondFactorRequired()).toBe(false);
    const changes = await t.db.auditEvent.findMany({
      where: { action: "auth.second_factor_policy_changed" },
      orderBy: { seq: "asc" },
    });
    expect(changes.map((e) => JSON.parse(e.details).required)).toEqual([
      { from: false, to: true },
      { from: true, to: false },
    ]);
  });
});
