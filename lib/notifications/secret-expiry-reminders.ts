/**
 * Client secret expiry reminders (#24): 30, 14, 7 and 1 day(s) before the expiry date, and on the
 * day ("expired"), as notification events. Each step is sent once per connection and expiry date:
 * the step is recorded (SecretExpiryReminder) in the transaction that emits its event, so a
 * restart or a second replica sends nothing twice, and a changed date has no steps yet, so its
 * reminders are armed again. A connection first seen inside a window gets only its latest step
 * (a date set 5 days ahead sends "7 days", not also 30 and 14). One replica runs the job (a lease).
 */
import { prisma, type Db } from "@/lib/db/prisma";
import { daysUntilExpiry, expiryDateText } from "@/lib/connections/secret-expiry";
import { emitNotificationEvent } from "@/lib/notifications/emit-notification";
import { startLeasedJob, type LeasedJob } from "@/lib/jobs/start-leased-job";
import { processState } from "@/lib/tokens/process-state";

/** Days before the expiry date a reminder goes out; 0 is the day itself. */
export const REMINDER_STEPS = [30, 14, 7, 1, 0] as const;

const HOUR_MS = 3_600_000;
const FIX =
  "Rotate the client secret at the provider, then set the new one in Handshake (Rotate secret on the connection page) with its new expiry date.";

/** The step due with `days` left: the smallest step not below it, or undefined when further away. */
export function dueReminderStep(days: number): number | undefined {
  if (days < 0) return 0;
  return [...REMINDER_STEPS].reverse().find((step) => days <= step);
}

function reminderEvent(connection: { id: string; name: string }, expiresOn: string, days: number, now: Date) {
  const expired = days <= 0;
  return {
    type: expired ? "secret.expired" : "secret.expiring",
    payload: {
      connectionId: connection.id,
      connectionName: connection.name,
      summary:
        days === 0
          ? `The client secret of ${connection.name} expires today, ${expiresOn}: token requests fail once it has.`
          : expired
            ? `The client secret of ${connection.name} expired on ${expiresOn}: token requests fail until it is rotated.`
            : `The client secret of ${connection.name} expires on ${expiresOn}, in ${days} day${days === 1 ? "" : "s"}.`,
      title: null,
      fix: FIX,
      code: null,
      testRunId: null,
      expiresOn,
      daysLeft: days,
      at: now.toISOString(),
    },
  };
}

/** Sends the reminders due at `now`; returns how many were sent. */
export async function sendSecretExpiryReminders(db: Db, options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const horizon = new Date(now.getTime() + (REMINDER_STEPS[0] + 1) * 24 * HOUR_MS);
  const rows = await db.connection.findMany({
    where: { status: "ACTIVE", clientSecretExpiresAt: { not: null, lte: horizon } },
    select: { id: true, name: true, clientSecretExpiresAt: true },
    orderBy: { clientSecretExpiresAt: "asc" },
    take: 1000,
  });
  let sent = 0;
  for (const row of rows) {
    const expiresAt = row.clientSecretExpiresAt!;
    const days = daysUntilExpiry(expiresAt, now);
    const step = dueReminderStep(days);
    if (step === undefined) continue;
    const done = await db.$transaction(async (tx) => {
      // This step, or a later one, already sent for this date: nothing to say.
      const key = { connectionId: row.id, expiresAt };
      if (await tx.secretExpiryReminder.findFirst({ where: { ...key, step: { lte: step } }, select: { step: true } }))
        return false;
      // The primary key (connection, date, step) refuses a second claim of the same step.
      await tx.secretExpiryReminder.create({ data: { ...key, step, sentAt: now } });
      await emitNotificationEvent(tx, reminderEvent(row, expiryDateText(expiresAt), days, now), now);
      return true;
    });
    if (done) sent += 1;
  }
  return sent;
}

/** The leased job: `clock` lets a test move time; `timer: false` leaves the ticking to the caller. */
export function startSecretExpiryReminderJob(
  db: Db,
  options: { intervalMs: number; clock?: () => Date; timer?: boolean },
): LeasedJob {
  const clock = options.clock ?? (() => new Date());
  return startLeasedJob(db, {
    name: "secret-expiry-reminders",
    description: "secret expiry reminders",
    intervalMs: options.intervalMs,
    timer: options.timer,
    run: () => sendSecretExpiryReminders(db, { now: clock() }),
  });
}

/** Starts the job once per server process, from Next's instrumentation hook (instrumentation.ts). */
export function startSecretExpiryReminders(): LeasedJob {
  return processState("secret-expiry-reminders", () => startSecretExpiryReminderJob(prisma, { intervalMs: HOUR_MS }));
}
