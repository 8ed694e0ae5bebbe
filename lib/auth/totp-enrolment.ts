/**
 * Adding and removing an authenticator app. The secret is sealed (lib/crypto/secret-box.ts) from
 * the moment it exists; it is shown once, while enrolling, and the app is on only after a valid
 * code confirms the user copied it. Confirming issues the recovery codes, also shown once.
 */
import crypto from "node:crypto";
import QRCode from "qrcode";
import { prisma as db } from "@/lib/db/prisma";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { ApplicationError } from "@/lib/errors/application-error";
import { acceptedTotpStep, createTotpSecret, totpUriOf } from "@/lib/auth/totp";
import { generateRecoveryCodes, hashRecoveryCodes, replaceRecoveryCodes } from "@/lib/auth/recovery-codes";

type Account = { id: string; email: string };

export type SecondFactorStatus = { totp: boolean; recoveryCodesLeft: number };

function secretContext(totpId: string) {
  return { recordId: totpId, field: "totpSecret" };
}

export function sealTotpSecret(totpId: string, secret: string): string {
  return encryptSecret(secret, secretContext(totpId));
}

export function openTotpSecret(totp: { id: string; secretEncrypted: string }): string {
  return decryptSecret(totp.secretEncrypted, secretContext(totp.id));
}

export async function secondFactorStatusOf(userId: string): Promise<SecondFactorStatus> {
  const [totp, recoveryCodesLeft] = await Promise.all([
    db.userTotp.findUnique({ where: { userId }, select: { confirmedAt: true } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return { totp: Boolean(totp?.confirmedAt), recoveryCodesLeft };
}

export type TotpEnrolment = { secret: string; uri: string; qrCodeDataUrl: string };

/** A fresh secret for a user without an app; an unconfirmed earlier one is replaced. */
export async function startTotpEnrolment(account: Account): Promise<TotpEnrolment> {
  const existing = await db.userTotp.findUnique({ where: { userId: account.id } });
  if (existing?.confirmedAt) throw new ApplicationError("An authenticator app is already on. Remove it first.");
  const secret = createTotpSecret();
  const id = crypto.randomUUID();
  await db.$transaction([
    db.userTotp.deleteMany({ where: { userId: account.id, confirmedAt: null } }),
    db.userTotp.create({ data: { id, userId: account.id, secretEncrypted: sealTotpSecret(id, secret) } }),
  ]);
  const uri = totpUriOf(secret, account.email);
  return { secret, uri, qrCodeDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 192 }) };
}

const WRONG_CODE = "That code is not right. Enter the code the app shows now.";

/** Turns the app on with a valid code; the recovery codes, to show once. */
export async function confirmTotpEnrolment(
  account: Account,
  actor: AuditActor,
  code: string,
  now = new Date(),
): Promise<{ recoveryCodes: string[] }> {
  const pending = await db.userTotp.findUnique({ where: { userId: account.id } });
  if (!pending || pending.confirmedAt)
    throw new ApplicationError("Start again: the setup was finished or replaced elsewhere.");
  const step = acceptedTotpStep(openTotpSecret(pending), code, null, now);
  if (step === null) throw new ApplicationError(WRONG_CODE, "validation", "code");
  const recoveryCodes = generateRecoveryCodes();
  const hashes = await hashRecoveryCodes(recoveryCodes);
  await db.$transaction(async (tx) => {
    const { count } = await tx.userTotp.updateMany({
      where: { id: pending.id, confirmedAt: null },
      data: { confirmedAt: now, lastUsedStep: step },
    });
    if (count === 0) throw new ApplicationError("Start again: the setup was finished or replaced elsewhere.");
    await replaceRecoveryCodes(tx, account.id, hashes, now);
    await recordAuditEvent(tx, {
      actor,
      action: "auth.second_factor_enrolled",
      target: { type: "user", id: account.id, name: account.email },
      details: { method: "totp", recoveryCodesIssued: recoveryCodes.length },
    });
  });
  return { recoveryCodes };
}

/** Turns the app off; its recovery codes go with it. */
export async function removeTotp(account: Account, actor: AuditActor): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.userTotp.deleteMany({ where: { userId: account.id, confirmedAt: { not: null } } });
    if (count === 0) throw new ApplicationError("No authenticator app is on for this account.");
    await tx.recoveryCode.deleteMany({ where: { userId: account.id } });
    await recordAuditEvent(tx, {
      actor,
      action: "auth.second_factor_removed",
      target: { type: "user", id: account.id, name: account.email },
      details: { method: "totp" },
    });
  });
}

/**
 * Checks a sign-in code against the user's confirmed app and records its step, so the same code
 * cannot sign in twice (RFC 6238 §5.2); the conditional update settles two racing sign-ins.
 */
export async function verifyTotpForSignIn(userId: string, code: string, now = new Date()): Promise<boolean> {
  const totp = await db.userTotp.findUnique({ where: { userId } });
  if (!totp?.confirmedAt) return false;
  const step = acceptedTotpStep(openTotpSecret(totp), code, totp.lastUsedStep, now);
  if (step === null) return false;
  const { count } = await db.userTotp.updateMany({
    where: { id: totp.id, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
    data: { lastUsedStep: step },
  });
  return count === 1;
}
