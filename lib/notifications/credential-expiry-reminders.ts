/**
 * Expiry reminders (#24) for the client secret and the client certificate: 30, 14, 7 and 1 day(s)
 * before the expiry date, and on the day ("expired"), as notification events. Each step is sent
 * once per connection, credential and expiry date: the step is recorded (SecretExpiryReminder for
 * the secret, CredentialExpiryReminder keyed by credential for the certificate) in the transaction
 * that emits its event, so a restart or a second replica sends nothing twice, and a changed date
 * has no steps yet, so its reminders are armed again. A connection first seen inside a window gets
 * only its latest step (a date set 5 days ahead sends "7 days", not also 30 and 14). The
 * certificate's date is read from Connection.clientCertificateExpiresAt alone, whichever
 * certificate set it (a private_key_jwt key's or the mTLS one). One replica runs the job (a lease).
 */
import { prisma, type Db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/db/generated/client";
import { daysUntilExpiry, expiryDateText } from "@/lib/connections/secret-expiry";
import type { ExpiringCredential } from "@/lib/connections/credential-expiry";
import { emitNotificationEvent } from "@/lib/notifications/emit-notification";
import { startLeasedJob, type LeasedJob, type LeasedJobSchedule } from "@/lib/jobs/start-leased-job";
import { processState } from "@/lib/tokens/process-state";

/** Days before the expiry date a reminder goes out; 0 is the day itself. */
export const REMINDER_STEPS = [30, 14, 7, 1, 0] as const;

const HOUR_MS = 3_600_000;

/** Per credential: its column, its words and what to do about it. */
const CREDENTIALS = {
  secret: {
    column: "clientSecretExpiresAt",
    noun: "client secret",
    fails: "token requests fail",
    until: "until it is rotated",
    fix: "Rotate the client secret at the provider, then set the new one in Handshake (Rotate secret on the connection page) with its new expiry date.",
  },
  certificate: {
    column: "clientCertificateExpiresAt",
    noun: "client certificate",
    fails: "token requests that present it or its key fail",
    until: "until it is renewed",
    fix: "Renew the certificate (or rotate the key with a new certificate) and register it at the provider, then store the new key and certificate on the connection in Handshake (Edit, Client step).",
  },
} as const satisfies Record<
  ExpiringCredential,
  { column: "clientSecretExpiresAt" | "clientCertificateExpiresAt" } & Record<string, string>
>;

/** The step due with `days` left: the smallest step not below it, or undefined when further away. */
export function dueReminderStep(days: number): number | undefined {
  if (days < 0) return 0;
  return [...REMINDER_STEPS].reverse().find((step) => days <= step);
}

function reminderEvent(
  credential: ExpiringCredential,
  connection: { id: string; name: string },
  expiresOn: string,
  days: number,
  now: Date,
) {
  const words = CREDENTIALS[credential];
  const expired = days <= 0;
  return {
    type: `${credential}.${expired ? "expired" : "expiring"}` as const,
    payload: {
      connectionId: connection.id,
      connectionName: connection.name,
      summary:
        days === 0
          ? `The ${words.noun} of ${connection.name} expires today, ${expiresOn}: ${words.fails} once it has.`
          : expired
            ? `The ${words.noun} of ${connection.name} expired on ${expiresOn}: ${words.fails} ${words.until}.`
            : `The ${words.noun} of ${connection.name} expires on ${expiresOn}, in ${days} day${days === 1 ? "" : "s"}.`,
      title: null,
      fix: words.fix,
      code: null,
      testRunId: null,
      credential,
      expiresOn,
      daysLeft: days,
      at: now.toISOString(),
    },
  };
}

/** Records the step unless it, or a later one, was already sent for this date; false when it was. */
async function claimStep(
  tx: Prisma.TransactionClient,
  credential: ExpiringCredential,
  key: { connectionId: string; expiresAt: Date },
  step: number,
  now: Date,
): Promise<boolean> {
  const earlier = { ...key, step: { lte: step } };
  // The primary keys refuse a second claim of the same step.
  if (credential === "secret") {
    if (await tx.secretExpiryReminder.findFirst({ where: earlier, select: { step: true } })) return false;
    await tx.secretExpiryReminder.create({ data: { ...key, step, sentAt: now } });
    return true;
  }
  if (await tx.credentialExpiryReminder.findFirst({ where: { ...earlier, credential }, select: { step: true } }))
    return false;
  await tx.credentialExpiryReminder.create({ data: { ...key, credential, step, sentAt: now } });
  return true;
}

async function sendRemindersFor(db: Db, credential: ExpiringCredential, now: Date): Promise<number> {
  const { column } = CREDENTIALS[credential];
  const horizon = new Date(now.getTime() + (REMINDER_STEPS[0] + 1) * 24 * HOUR_MS);
  const rows = await db.connection.findMany({
    where: { status: "ACTIVE", [column]: { not: null, lte: horizon } } satisfies Prisma.ConnectionWhereInput,
    select: { id: true, name: true, clientSecretExpiresAt: true, clientCertificateExpiresAt: true },
    orderBy: { [column]: "asc" } satisfies Prisma.ConnectionOrderByWithRelationInput,
    take: 1000,
  });
  let sent = 0;
  for (const row of rows) {
    const expiresAt = row[column]!;
    const days = daysUntilExpiry(expiresAt, now);
    const step = dueReminderStep(days);
    if (step === undefined) continue;
    const done = await db.$transaction(async (tx) => {
      if (!(await claimStep(tx, credential, { connectionId: row.id, expiresAt }, step, now))) return false;
      await emitNotificationEvent(tx, reminderEvent(credential, row, expiryDateText(expiresAt), days, now), now);
      return true;
    });
    if (done) sent += 1;
  }
  return sent;
}

/** Sends the secret and certificate reminders due at `now`; returns how many were sent. */
export async function sendCredentialExpiryReminders(db: Db, options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  return (await sendRemindersFor(db, "secret", now)) + (await sendRemindersFor(db, "certificate", now));
}

/** The leased job: `clock` lets a test move time; `timer: false` leaves the ticking to the caller. */
export function startCredentialExpiryReminderJob(db: Db, schedule: LeasedJobSchedule): LeasedJob {
  // The lease keeps the name it had when it reminded of secrets only, so an upgrade runs one job.
  return startLeasedJob(db, schedule, {
    name: "secret-expiry-reminders",
    description: "secret and certificate expiry reminders",
    run: (now) => sendCredentialExpiryReminders(db, { now }),
  });
}

/** Starts the job once per server process, from Next's instrumentation hook (instrumentation.ts). */
export function startCredentialExpiryReminders(): LeasedJob {
  return processState("secret-expiry-reminders", () =>
    startCredentialExpiryReminderJob(prisma, { intervalMs: HOUR_MS }),
  );
}
