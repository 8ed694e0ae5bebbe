/**
 * The admin's session limits: the idle timeout and the absolute lifetime, kept in Setting rows so
 * every replica enforces the same ones (lib/auth/user-sessions.ts re-reads them per request).
 * Without a row, SESSION_IDLE_MINUTES and the 8-hour default apply.
 */
import { getConfig } from "@/lib/config/env";
import { prisma as db } from "@/lib/db/prisma";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { fromTo } from "@/lib/audit/diff";

export type SessionPolicy = { idleMs: number; lifetimeMs: number };

/** The absolute lifetime unless an admin set another. */
export const DEFAULT_LIFETIME_HOURS = 8;

const IDLE_KEY = "auth.sessionIdleMinutes";
const LIFETIME_KEY = "auth.sessionLifetimeHours";

export type SessionLimits = { idleMinutes: number; lifetimeHours: number };

export async function readSessionLimits(): Promise<SessionLimits> {
  const rows = await db.setting.findMany({ where: { key: { in: [IDLE_KEY, LIFETIME_KEY] } } });
  const value = (key: string) => Number(rows.find((r) => r.key === key)?.value) || undefined;
  return {
    idleMinutes: value(IDLE_KEY) ?? getConfig().sessionIdleMinutes,
    lifetimeHours: value(LIFETIME_KEY) ?? DEFAULT_LIFETIME_HOURS,
  };
}

export async function readSessionPolicy(): Promise<SessionPolicy> {
  const { idleMinutes, lifetimeHours } = await readSessionLimits();
  return { idleMs: idleMinutes * 60_000, lifetimeMs: lifetimeHours * 3_600_000 };
}

/** Applies to every open session at its next request; audited with what changed. */
export async function setSessionLimits(actor: AuditActor, limits: SessionLimits): Promise<void> {
  const before = await readSessionLimits();
  if (before.idleMinutes === limits.idleMinutes && before.lifetimeHours === limits.lifetimeHours) return;
  await db.$transaction(async (tx) => {
    for (const [key, value] of [
      [IDLE_KEY, limits.idleMinutes],
      [LIFETIME_KEY, limits.lifetimeHours],
    ] as const) {
      await tx.setting.upsert({
        where: { key },
        create: { key, value: String(value) },
        update: { value: String(value) },
      });
    }
    await recordAuditEvent(tx, {
      actor,
      action: "auth.session_limits_changed",
      details: fromTo(before, limits, ["idleMinutes", "lifetimeHours"]),
    });
  });
}
