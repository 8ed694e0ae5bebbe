/**
 * User management shared by the console's server actions and the `npm run user` CLI, so both
 * follow the same rules and write the same audit events. Changes that must end existing
 * sessions bump tokenVersion; a password change also revokes the user's session rows.
 */
import { prisma as db, type Tx } from "@/lib/db/prisma";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { recordAuditEvent, recordStandaloneAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { passwordChangeThrottleKeys, releaseAfterSuccess, reserveAttempt } from "@/lib/auth/throttle";
import { generateOneTimePassword } from "@/lib/users/one-time-password";
import { ApplicationError } from "@/lib/errors/application-error";
import { revokeUserSessions } from "@/lib/auth/user-sessions";

/**
 * Inside the transaction that demotes or disables an admin: first write-locks every active admin
 * row (a no-op update; SQLite takes its single write lock, PostgreSQL row locks), so two admins
 * demoting each other at once run one after the other and the second sees the first's change.
 */
async function assertAnotherActiveAdmin(tx: Tx, userId: string) {
  await tx.$executeRaw`UPDATE "User" SET "role" = "role" WHERE "role" = 'ADMIN' AND "disabled" = false`;
  const others = await tx.user.count({ where: { role: "ADMIN", disabled: false, id: { not: userId } } });
  if (others === 0) throw new ApplicationError("This is the last active admin. Make someone else an admin first.");
}

export async function createUser(
  actor: AuditActor,
  input: { email: string; name?: string | null; role: Role; password?: string },
): Promise<{ id: string; email: string; oneTimePassword?: string }> {
  const email = input.email.trim().toLowerCase();
  if (await db.user.findUnique({ where: { email } }))
    throw new ApplicationError("A user with this email already exists.", "rule", "email");
  const oneTimePassword = input.password ? undefined : generateOneTimePassword();
  const passwordHash = await hashPassword(input.password ?? oneTimePassword!);
  const user = await db.$transaction(async (tx) => {
    const created = await tx.user.create({
      data: {
        email,
        name: input.name || null,
        role: input.role,
        passwordHash,
        mustChangePassword: Boolean(oneTimePassword),
      },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "user.created",
      target: { type: "user", id: created.id, name: email },
      details: { role: input.role, oneTimePassword: Boolean(oneTimePassword) },
    });
    return created;
  });
  return { id: user.id, email, oneTimePassword };
}

export async function setUserRole(actor: AuditActor, userId: string, role: Role): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new ApplicationError("That user no longer exists.");
  if (user.role === role) return;
  await db.$transaction(async (tx) => {
    if (user.role === "ADMIN") await assertAnotherActiveAdmin(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { role, tokenVersion: { increment: 1 } } });
    await recordAuditEvent(tx, {
      actor,
      action: "user.role_changed",
      target: { type: "user", id: userId, name: user.email },
      details: { diff: { role: { from: user.role, to: role } } },
    });
  });
}

export async function setUserDisabled(actor: AuditActor, userId: string, disabled: boolean): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new ApplicationError("That user no longer exists.");
  if (user.disabled === disabled) return;
  if (disabled && actor.id === userId) throw new ApplicationError("You cannot disable your own account.");
  await db.$transaction(async (tx) => {
    if (disabled && user.role === "ADMIN") await assertAnotherActiveAdmin(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { disabled, tokenVersion: { increment: 1 } } });
    await recordAuditEvent(tx, {
      actor,
      action: disabled ? "user.disabled" : "user.enabled",
      target: { type: "user", id: userId, name: user.email },
      details: { diff: { disabled: { from: user.disabled, to: disabled } } },
    });
  });
}

/** Sets a new one-time password (or the given one); ends the user's sessions. */
export async function resetUserPassword(
  actor: AuditActor,
  userId: string,
  password?: string,
): Promise<{ oneTimePassword?: string }> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new ApplicationError("That user no longer exists.");
  const oneTimePassword = password ? undefined : generateOneTimePassword();
  const passwordHash = await hashPassword(password ?? oneTimePassword!);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, mustChangePassword: Boolean(oneTimePassword), tokenVersion: { increment: 1 } },
    });
    await revokeUserSessions(tx, userId, "password_changed");
    await recordAuditEvent(tx, {
      actor,
      action: "user.password_reset",
      target: { type: "user", id: userId, name: user.email },
      details: { password: { changed: true }, oneTimePassword: Boolean(oneTimePassword) },
    });
  });
  return { oneTimePassword };
}

export type OwnPasswordChange =
  | { changed: true }
  | { changed: false; reason: "wrong_password" }
  | { changed: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Changes a user's own password after checking the current one; their other sessions end
 * (tokenVersion). The check is a password guess like a sign-in (a stolen session must not make it
 * a free oracle): reserved on the user's own throttle key before it runs, each wrong password audited.
 */
export async function changeOwnPassword(
  user: { id: string; email: string },
  actor: AuditActor,
  passwords: { currentPassword: string; newPassword: string },
): Promise<OwnPasswordChange> {
  const keys = passwordChangeThrottleKeys(user.id);
  const reservation = await reserveAttempt(keys);
  if (!reservation.allowed)
    return { changed: false, reason: "throttled", retryAfterSeconds: reservation.retryAfterSeconds };
  const record = await db.user.findUniqueOrThrow({ where: { id: user.id } });
  if (!(await verifyPassword(record.passwordHash, passwords.currentPassword))) {
    await recordStandaloneAuditEvent({
      actor,
      action: "auth.password_change_failed",
      target: { type: "user", id: user.id, name: user.email },
      details: { reason: "wrong_current_password" },
    });
    return { changed: false, reason: "wrong_password" };
  }
  await releaseAfterSuccess(keys);
  const passwordHash = await hashPassword(passwords.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: false, tokenVersion: { increment: 1 } },
    });
    await revokeUserSessions(tx, user.id, "password_changed");
    // Not "user.password_reset": that is an admin (or the CLI) setting someone's password.
    await recordAuditEvent(tx, {
      actor,
      action: "auth.password_changed",
      target: { type: "user", id: user.id, name: user.email },
      details: { password: { changed: true }, self: true },
    });
  });
  return { changed: true };
}
