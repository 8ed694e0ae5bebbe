"use server";

import { prisma } from "@/lib/db/prisma";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { auditActorFor } from "@/lib/auth/session";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { fail, ok, runAction, validationFailure, type ActionResult } from "@/lib/actions/action-result";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/schemas/auth";

/** Changes the signed-in user's own password; other sessions of theirs end (tokenVersion). */
export async function changeOwnPassword(input: ChangePasswordInput): Promise<ActionResult<{ email: string }>> {
  return runAction("AUDITOR", async (user) => {
    const parsed = changePasswordSchema.safeParse(input);
    if (!parsed.success) return validationFailure(parsed.error);
    const record = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    if (!(await verifyPassword(record.passwordHash, parsed.data.currentPassword))) {
      return fail("The current password is not right.", { fieldErrors: { currentPassword: "The current password is not right." } });
    }
    const passwordHash = await hashPassword(parsed.data.password);
    const actor = await auditActorFor(user);
    await prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false, tokenVersion: { increment: 1 } } });
      await recordAuditEvent(tx, {
        actor,
        action: "user.password_reset",
        target: { type: "user", id: user.id, name: user.email },
        details: { password: { changed: true }, self: true },
      });
    });
    return ok({ email: user.email });
  }, { passwordChange: true });
}
