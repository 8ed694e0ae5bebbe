/** The admin's setting that every local account must have a second factor (a Setting row). */
import { prisma as db } from "@/lib/db/prisma";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";

const SETTING_KEY = "auth.requireSecondFactor";

export async function isSecondFactorRequired(): Promise<boolean> {
  const row = await db.setting.findUnique({ where: { key: SETTING_KEY } });
  return row?.value === "true";
}

export async function setSecondFactorRequired(actor: AuditActor, required: boolean): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.setting.findUnique({ where: { key: SETTING_KEY } });
    const was = row?.value === "true";
    if (was === required) return;
    await tx.setting.upsert({
      where: { key: SETTING_KEY },
      create: { key: SETTING_KEY, value: String(required) },
      update: { value: String(required) },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "auth.second_factor_policy_changed",
      details: { required: { from: was, to: required } },
    });
  });
}
