/**
 * The second step of a password sign-in for a user with an authenticator app: the code, or one of
 * the recovery codes, is checked before next-auth creates a session. Wrong codes are throttled
 * on the account's own second-factor key (lib/auth/throttle.ts) on top of the password's keys,
 * which the sign-in releases only once both steps passed.
 */
import { prisma as db } from "@/lib/db/prisma";
import { recordStandaloneAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { describeWait, releaseAfterSuccess, reserveAttempt, secondFactorThrottleKeys } from "@/lib/auth/throttle";
import { isTotpCodeShape } from "@/lib/auth/totp";
import { verifyTotpForSignIn } from "@/lib/auth/totp-enrolment";
import { redeemRecoveryCode } from "@/lib/auth/recovery-codes";
import { SECOND_FACTOR_REQUIRED } from "@/lib/auth/second-factor-messages";

export const SECOND_FACTOR_ERRORS = {
  wrong: "That code is not right. Enter the code your authenticator app shows now, or a recovery code.",
  throttled: (seconds: number) => `Too many wrong codes. Try again in ${describeWait(seconds)}.`,
} as const;

export type SecondFactorUsed = "totp" | "recovery_code";

export async function hasSecondFactor(userId: string): Promise<boolean> {
  const totp = await db.userTotp.findUnique({ where: { userId }, select: { confirmedAt: true } });
  return Boolean(totp?.confirmedAt);
}

/**
 * Null when the user has no second factor; the factor used when the code is right. Throws the
 * message for the form otherwise (next-auth shows a thrown Error's message as the sign-in error).
 */
export async function checkSecondFactor(
  user: { id: string; email: string },
  code: string,
  actor: AuditActor,
  now = new Date(),
): Promise<SecondFactorUsed | null> {
  if (!(await hasSecondFactor(user.id))) return null;
  if (!code.trim()) throw new Error(SECOND_FACTOR_REQUIRED);

  const keys = secondFactorThrottleKeys(user.id);
  const reservation = await reserveAttempt(keys, now);
  if (!reservation.allowed) throw new Error(SECOND_FACTOR_ERRORS.throttled(reservation.retryAfterSeconds));

  const target = { type: "user", id: user.id, name: user.email };
  if (isTotpCodeShape(code)) {
    if (await verifyTotpForSignIn(user.id, code, now)) {
      await releaseAfterSuccess(keys);
      return "totp";
    }
    await recordStandaloneAuditEvent({
      actor,
      action: "auth.second_factor_failed",
      target,
      details: { method: "totp" },
    });
    throw new Error(SECOND_FACTOR_ERRORS.wrong);
  }
  const redeemed = await redeemRecoveryCode(user.id, code, now);
  if (!redeemed) {
    await recordStandaloneAuditEvent({
      actor,
      action: "auth.second_factor_failed",
      target,
      details: { method: "recovery_code" },
    });
    throw new Error(SECOND_FACTOR_ERRORS.wrong);
  }
  await releaseAfterSuccess(keys);
  await recordStandaloneAuditEvent({
    actor,
    action: "auth.recovery_code_used",
    target,
    details: { remaining: redeemed.remaining },
  });
  return "recovery_code";
}
