/**
 * The second step of a password sign-in for a user with a second factor: an authenticator code,
 * one of the recovery codes, or a passkey's assertion is checked before next-auth creates a
 * session. Wrong ones are throttled on the account's own second-factor key (lib/auth/throttle.ts)
 * on top of the password's keys, which the sign-in releases only once both steps passed.
 */
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { prisma as db } from "@/lib/db/prisma";
import { recordStandaloneAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { describeWait, releaseAfterSuccess, reserveAttempt, secondFactorThrottleKeys } from "@/lib/auth/throttle";
import { isTotpCodeShape } from "@/lib/auth/totp";
import { verifyTotpForSignIn } from "@/lib/auth/totp-enrolment";
import { redeemRecoveryCode } from "@/lib/auth/recovery-codes";
import { startPasskeySignIn, verifyPasskeySignIn } from "@/lib/auth/passkeys";
import { secondFactorRequiredError } from "@/lib/auth/second-factor-messages";

export const SECOND_FACTOR_ERRORS = {
  wrong: "That code is not right. Enter the code your authenticator app shows now, or a recovery code.",
  passkey: "The passkey was not accepted. Sign in again and use one of this account's passkeys.",
  throttled: (seconds: number) => `Too many wrong codes. Try again in ${describeWait(seconds)}.`,
} as const;

export type SecondFactorUsed = "totp" | "recovery_code" | "passkey";

/** What the user can answer with: what was typed in the code field, or a passkey's assertion (JSON). */
export type SecondFactorAnswer = { code: string; passkey: string };

async function factorsOf(userId: string): Promise<{ totp: boolean; passkeys: number }> {
  const [totp, passkeys] = await Promise.all([
    db.userTotp.findUnique({ where: { userId }, select: { confirmedAt: true } }),
    db.passkey.count({ where: { userId } }),
  ]);
  return { totp: Boolean(totp?.confirmedAt), passkeys };
}

export async function hasSecondFactor(userId: string): Promise<boolean> {
  const { totp, passkeys } = await factorsOf(userId);
  return totp || passkeys > 0;
}

function assertionOf(json: string): AuthenticationResponseJSON | null {
  try {
    const value = JSON.parse(json) as AuthenticationResponseJSON;
    return typeof value?.id === "string" && typeof value.response?.clientDataJSON === "string" ? value : null;
  } catch {
    return null;
  }
}

/**
 * Null when the user has no second factor; the factor used when the answer is right. Throws the
 * message for the form otherwise (next-auth shows a thrown Error's message as the sign-in error);
 * without an answer, the challenge of the second step (lib/auth/second-factor-messages.ts).
 */
export async function checkSecondFactor(
  user: { id: string; email: string },
  answer: SecondFactorAnswer,
  actor: AuditActor,
  now = new Date(),
): Promise<SecondFactorUsed | null> {
  const factors = await factorsOf(user.id);
  if (!factors.totp && factors.passkeys === 0) return null;
  const code = answer.code.trim();
  if (!code && !answer.passkey) {
    const passkey = factors.passkeys > 0 ? await startPasskeySignIn(user.id) : null;
    throw new Error(secondFactorRequiredError({ totp: factors.totp, passkey }));
  }

  const keys = secondFactorThrottleKeys(user.id);
  const reservation = await reserveAttempt(keys, now);
  if (!reservation.allowed) throw new Error(SECOND_FACTOR_ERRORS.throttled(reservation.retryAfterSeconds));

  const target = { type: "user", id: user.id, name: user.email };
  const refuse = async (method: "totp" | "recovery_code" | "passkey") => {
    await recordStandaloneAuditEvent({ actor, action: "auth.second_factor_failed", target, details: { method } });
    return new Error(method === "passkey" ? SECOND_FACTOR_ERRORS.passkey : SECOND_FACTOR_ERRORS.wrong);
  };

  if (answer.passkey) {
    const assertion = assertionOf(answer.passkey);
    if (!assertion || !(await verifyPasskeySignIn(user.id, assertion))) throw await refuse("passkey");
    await releaseAfterSuccess(keys);
    return "passkey";
  }
  if (isTotpCodeShape(code)) {
    if (!(await verifyTotpForSignIn(user.id, code, now))) throw await refuse("totp");
    await releaseAfterSuccess(keys);
    return "totp";
  }
  const redeemed = await redeemRecoveryCode(user.id, code, now);
  if (!redeemed) throw await refuse("recovery_code");
  await releaseAfterSuccess(keys);
  await recordStandaloneAuditEvent({
    actor,
    action: "auth.recovery_code_used",
    target,
    details: { remaining: redeemed.remaining },
  });
  return "recovery_code";
}
