"use server";

import crypto from "node:crypto";
import { prisma } from "@/lib/db/prisma";
import { hashPassword } from "@/lib/auth/password";
import { hashSetupCode, SETUP_CODE_SETTING } from "@/lib/auth/bootstrap";
import { describeWait, reserveAttempt, setupThrottleKeys } from "@/lib/auth/throttle";
import { getRequestContext } from "@/lib/http/request-context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { fail, ok, validationFailure, type ActionResult } from "@/lib/actions/action-result";
import { setupSchema, type SetupInput } from "@/lib/schemas/auth";

/** Creates the first admin. Public by necessity, so it needs the one-time code from the server log. */
export async function completeSetup(input: SetupInput): Promise<ActionResult<{ email: string }>> {
  const parsed = setupSchema.safeParse(input);
  if (!parsed.success) return validationFailure(parsed.error);
  const { ip, userAgent } = await getRequestContext();

  // Per address, reserved before the code is compared: one address guessing cannot lock the page for everyone.
  const reservation = await reserveAttempt(prisma, setupThrottleKeys(ip));
  if (!reservation.allowed) return fail(`Too many wrong setup codes. Try again in ${describeWait(reservation.retryAfterSeconds)}.`);

  const stored = await prisma.setting.findUnique({ where: { key: SETUP_CODE_SETTING } });
  if ((await prisma.user.count()) > 0 || !stored) return fail("Setup is already complete. Sign in instead.", { code: "setup_done" });
  const expected = Buffer.from(stored.value, "hex");
  const given = Buffer.from(hashSetupCode(parsed.data.setupCode), "hex");
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
    return fail("That setup code is not right.", { fieldErrors: { setupCode: "That setup code is not right. Copy it from the server log printed at start." } });
  }

  const { email, name, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    // Deleting the code inside the transaction makes it single-use even under concurrent submits.
    const consumed = await tx.setting.deleteMany({ where: { key: SETUP_CODE_SETTING, value: stored.value } });
    if (consumed.count !== 1) throw new Error("setup code already used");
    const user = await tx.user.create({ data: { email, name: name || null, passwordHash, role: "ADMIN" } });
    await recordAuditEvent(tx, {
      actor: { id: user.id, email, role: "ADMIN", ip, userAgent },
      action: "setup.completed",
      target: { type: "user", id: user.id, name: email },
      details: { role: "ADMIN" },
    });
  });
  return ok({ email });
}
