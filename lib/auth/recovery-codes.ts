/**
 * One-time recovery codes for a user who lost their authenticator: shown once at enrolment, stored
 * as argon2id hashes (lib/auth/password.ts), each accepted once. Ten codes of 10 characters from a
 * 32-letter alphabet without look-alikes: 50 bits each, beyond online guessing under the throttle.
 */
import crypto from "node:crypto";
import { prisma as db, type Tx } from "@/lib/db/prisma";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const LENGTH = 10;

function randomRecoveryCode(): string {
  const bytes = crypto.randomBytes(LENGTH);
  const letters = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
  return `${letters.slice(0, 5)}-${letters.slice(5)}`;
}

export function generateRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, randomRecoveryCode);
}

/** What is compared: case, spaces and dashes as typed do not matter. */
export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[^a-z0-9]/g, "");
}

export function hashRecoveryCodes(codes: string[]): Promise<string[]> {
  return Promise.all(codes.map((code) => hashPassword(normalizeRecoveryCode(code))));
}

/** Inside the enrolment's transaction: the new codes replace every earlier one. */
export async function replaceRecoveryCodes(tx: Tx, userId: string, hashes: string[], now = new Date()): Promise<void> {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: hashes.map((codeHash) => ({ userId, codeHash, createdAt: now })) });
}

/**
 * Uses one of the user's unused codes: the number still unused afterwards, or null when none
 * matches. The use is a conditional update, so two sign-ins racing with one code cannot both pass.
 */
export async function redeemRecoveryCode(
  userId: string,
  input: string,
  now = new Date(),
): Promise<{ remaining: number } | null> {
  const code = normalizeRecoveryCode(input);
  if (code.length !== LENGTH) return null;
  const unused = await db.recoveryCode.findMany({ where: { userId, usedAt: null } });
  for (const candidate of unused) {
    if (!(await verifyPassword(candidate.codeHash, code))) continue;
    const { count } = await db.recoveryCode.updateMany({
      where: { id: candidate.id, usedAt: null },
      data: { usedAt: now },
    });
    if (count === 0) return null;
    return { remaining: unused.length - 1 };
  }
  return null;
}
