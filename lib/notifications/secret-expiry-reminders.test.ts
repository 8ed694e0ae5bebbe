/**
 * Secret expiry reminders with the clock moved (an injected `now`, no sleeps) against a real
 * database: 30, 14, 7 and 1 day(s) before and on the day, once each; a fresh job (a restart) sends
 * nothing again; a changed expiry date arms them again. A real SMTP server on loopback receives
 * the reminder: the connection, the date, what to do and the link, and no secret.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startSmtpReceiver } from "@/lib/testing/smtp-receiver";

let database: TestDatabase;
let db: typeof import("@/lib/db/prisma").prisma;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
const DAY = 86_400_000;
const CLIENT_SECRET = "client-secret-never-mailed-5d1a";
const SMTP_PASSWORD = "smtp-password-never-mailed-2b7e";
const actor = { id: null, email: "admin@expiry.test", role: "ADMIN", ip: "127.0.0.1", userAgent: "vitest" } as const;

beforeAll(async () => {
  process.env.APP_URL = "https://handshake.example";
  process.env.OUTBOUND_ALLOW_HTTP = "true";
  process.env.OUTBOUND_ALLOW_CIDRS = "127.0.0.0/8";
  database = createTestDatabase();
  db = (await import("@/lib/db/prisma")).prisma;
  smtp = await startSmtpReceiver();
  const { createChannel } = await import("@/lib/notifications/manage-channels");
  const { defaultChannelValues } = await import("@/lib/schemas/notification-channel");
  await createChannel(actor, {
    ...defaultChannelValues(),
    name: "expiry mail",
    kind: "EMAIL",
    eventTypes: ["secret.expiring", "secret.expired"],
    smtpHost: "127.0.0.1",
    smtpPort: smtp.port,
    smtpSecurity: "NONE",
    smtpUser: "mailer",
    smtpPassword: SMTP_PASSWORD,
    smtpFrom: "handshake@expiry.test",
    smtpRecipients: "ops@expiry.test",
  });
}, 120_000);

afterAll(async () => {
  await smtp?.close();
  await db?.$disconnect();
  database?.cleanup();
});

async function activeConnection(name: string, expiresOn: string) {
  const { encryptSecret } = await import("@/lib/crypto/secret-box");
  const row = await db.connection.create({
    data: {
      name,
      status: "ACTIVE",
      grantType: "client_credentials",
      clientSecretExpiresAt: new Date(`${expiresOn}T00:00:00Z`),
    },
  });
  const sealed = encryptSecret(CLIENT_SECRET, { recordId: row.id, field: "clientSecret" });
  return db.connection.update({ where: { id: row.id }, data: { clientSecretEncrypted: sealed } });
}

async function reminderJob(clock: { now: Date }) {
  const { startSecretExpiryReminderJob } = await import("@/lib/notifications/secret-expiry-reminders");
  return startSecretExpiryReminderJob(db, { intervalMs: 60_000, timer: false, clock: () => clock.now });
}

/** Runs the job at 06:00 and 18:00 of every day from `from` to `to` (UTC); returns what each day sent. */
async function walk(job: { runOnce(): Promise<number> }, clock: { now: Date }, from: string, to: string) {
  const sentOn: Record<string, number> = {};
  for (let day = Date.parse(`${from}T00:00:00Z`); day <= Date.parse(`${to}T00:00:00Z`); day += DAY) {
    for (const hour of [6, 18]) {
      clock.now = new Date(day + hour * 3_600_000);
      const sent = await job.runOnce();
      if (sent > 0)
        sentOn[clock.now.toISOString().slice(0, 10)] = (sentOn[clock.now.toISOString().slice(0, 10)] ?? 0) + sent;
    }
  }
  return sentOn;
}

const eventsOf = (connectionId: string) =>
  db.notificationEvent.findMany({ where: { connectionId }, orderBy: { createdAt: "asc" } });

describe("secret expiry reminders", () => {
  it("fire 30, 14, 7 and 1 day(s) before and on the day, once each, and survive a restart", async () => {
    const connection = await activeConnection("Payroll API", "2027-01-31");
    const clock = { now: new Date() };
    const job = await reminderJob(clock);
    let sentOn: Record<string, number>;
    try {
      sentOn = await walk(job, clock, "2026-12-01", "2027-02-10");
    } finally {
      await job.stop();
    }
    expect(sentOn).toEqual({ "2027-01-01": 1, "2027-01-17": 1, "2027-01-24": 1, "2027-01-30": 1, "2027-01-31": 1 });
    const events = await eventsOf(connection.id);
    expect(events.map((e) => [e.type, JSON.parse(e.payload).daysLeft])).toEqual([
      ["secret.expiring", 30],
      ["secret.expiring", 14],
      ["secret.expiring", 7],
      ["secret.expiring", 1],
      ["secret.expired", 0],
    ]);

    // A restart: a fresh job over the same days sends nothing new.
    const restarted = await reminderJob(clock);
    try {
      expect(await walk(restarted, clock, "2026-12-30", "2027-02-02")).toEqual({});
    } finally {
      await restarted.stop();
    }
    expect(await eventsOf(connection.id)).toHaveLength(5);
  });

  it("are armed again by a changed expiry date, and a date set late sends only the step due", async () => {
    const connection = await activeConnection("Orders API", "2027-04-30");
    const clock = { now: new Date() };
    const job = await reminderJob(clock);
    try {
      expect(await walk(job, clock, "2027-03-31", "2027-04-01")).toEqual({ "2027-03-31": 1 });
      // Rotated with a new date: its own reminders from the start.
      await db.connection.update({
        where: { id: connection.id },
        data: { clientSecretExpiresAt: new Date("2027-05-05T00:00:00Z") },
      });
      // Five days before the new date only "7 days" is due; the 30 and 14 day steps are not sent late.
      expect(await walk(job, clock, "2027-04-30", "2027-05-06")).toEqual({
        "2027-04-30": 1,
        "2027-05-04": 1,
        "2027-05-05": 1,
      });
    } finally {
      await job.stop();
    }
    const events = await eventsOf(connection.id);
    expect(events.map((e) => [JSON.parse(e.payload).expiresOn, JSON.parse(e.payload).daysLeft])).toEqual([
      ["2027-04-30", 30],
      ["2027-05-05", 5],
      ["2027-05-05", 1],
      ["2027-05-05", 0],
    ]);
  });

  it("mails the reminder with the connection, the date, what to do and the link, and no secret", async () => {
    const connection = await activeConnection("Billing API", "2027-06-30");
    const clock = { now: new Date("2027-06-23T08:00:00Z") };
    const job = await reminderJob(clock);
    try {
      expect(await job.runOnce()).toBe(1);
    } finally {
      await job.stop();
    }
    const before = smtp.mails.length;
    const { startNotificationDispatcher } = await import("@/lib/notifications/notification-dispatcher");
    const dispatcher = startNotificationDispatcher(db, { intervalMs: 60_000, timer: false, clock: () => clock.now });
    try {
      while ((await dispatcher.runOnce()) > 0);
    } finally {
      await dispatcher.stop();
    }
    const mail = smtp.mails.slice(before).find((m) => m.text.includes("Billing API"));
    expect(mail?.to).toEqual(["ops@expiry.test"]);
    expect(mail!.text).toContain("Subject: [Handshake] Client secret expiring: Billing API");
    expect(mail!.text).toContain("The client secret of Billing API expires on 2027-06-30, in 7 days.");
    expect(mail!.text).toContain("Secret expires on: 2027-06-30 (7 days left)");
    expect(mail!.text).toContain("Rotate the client secret at the provider, then set the new one in Handshake");
    expect(mail!.text).toContain(`https://handshake.example/connections/${connection.id}`);
    for (const secret of [CLIENT_SECRET, SMTP_PASSWORD, connection.clientSecretEncrypted!]) {
      expect(mail!.raw).not.toContain(secret);
    }
  });
});
