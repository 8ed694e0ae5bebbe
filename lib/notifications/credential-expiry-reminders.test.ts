/**
 * Secret and certificate expiry reminders with the clock moved (an injected `now`, no sleeps)
 * against a real database: 30, 14, 7 and 1 day(s) before and on the day, once each; a fresh job
 * (a restart) sends nothing again; a changed expiry date arms them again; a secret and a
 * certificate of one connection are both reminded. A real SMTP server on loopback receives the
 * reminders: the connection, the credential, the date, what to do and the link, and no secret or key.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openNotificationTestDatabase, type NotificationTestDatabase } from "@/lib/testing/notification-test-database";
import { startSmtpReceiver } from "@/lib/testing/smtp-receiver";
import { smtpChannelSettings } from "@/lib/testing/smtp-channel-settings";

let database: NotificationTestDatabase;
let db: typeof import("@/lib/db/prisma").prisma;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
const DAY = 86_400_000;
const CLIENT_SECRET = "client-secret-never-mailed-5d1a";
const SMTP_PASSWORD = "smtp-password-never-mailed-2b7e";
const actor = { id: null, email: "admin@expiry.test", role: "ADMIN", ip: "127.0.0.1", userAgent: "vitest" } as const;

beforeAll(async () => {
  database = await openNotificationTestDatabase();
  db = database.db;
  smtp = await startSmtpReceiver();
  const { createChannel } = await import("@/lib/notifications/manage-channels");
  const { defaultChannelValues } = await import("@/lib/schemas/notification-channel");
  await createChannel(actor, {
    ...defaultChannelValues(),
    name: "expiry mail",
    ...smtpChannelSettings(smtp.port, SMTP_PASSWORD, { from: "handshake@expiry.test", to: "ops@expiry.test" }),
    eventTypes: ["secret.expiring", "secret.expired", "certificate.expiring", "certificate.expired"],
  });
}, 120_000);

afterAll(async () => {
  await smtp?.close();
  await database?.close();
});

async function activeConnection(name: string, expiresOn: string, certificateExpiresAt: Date | null = null) {
  const { encryptSecret } = await import("@/lib/crypto/secret-box");
  const row = await db.connection.create({
    data: {
      name,
      status: "ACTIVE",
      grantType: "client_credentials",
      clientSecretExpiresAt: new Date(`${expiresOn}T00:00:00Z`),
      clientCertificateExpiresAt: certificateExpiresAt,
    },
  });
  const sealed = encryptSecret(CLIENT_SECRET, { recordId: row.id, field: "clientSecret" });
  return db.connection.update({ where: { id: row.id }, data: { clientSecretEncrypted: sealed } });
}

/** A renewed secret or certificate: the connection's new expiry date, as a save writes it. */
function setExpiry(id: string, data: { clientSecretExpiresAt?: Date; clientCertificateExpiresAt?: Date }) {
  return db.connection.update({ where: { id }, data });
}

type ReminderJob = { runOnce(): Promise<number> };

/** Runs `body` with a fresh reminder job on the moved clock (a new one is a restart), stopped after. */
async function withReminderJob<T>(clock: { now: Date }, body: (job: ReminderJob) => Promise<T>): Promise<T> {
  const { startCredentialExpiryReminderJob } = await import("@/lib/notifications/credential-expiry-reminders");
  const job = startCredentialExpiryReminderJob(db, { intervalMs: 60_000, timer: false, clock: () => clock.now });
  try {
    return await body(job);
  } finally {
    await job.stop();
  }
}

/** Runs the job at 06:00 and 18:00 of every day from `from` to `to` (UTC); returns what each day sent. */
async function walk(job: ReminderJob, clock: { now: Date }, from: string, to: string) {
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

async function flushMails(clock: { now: Date }) {
  const { startNotificationDispatcher } = await import("@/lib/notifications/notification-dispatcher");
  const dispatcher = startNotificationDispatcher(db, { intervalMs: 60_000, timer: false, clock: () => clock.now });
  try {
    while ((await dispatcher.runOnce()) > 0);
  } finally {
    await dispatcher.stop();
  }
}

const eventsOf = (connectionId: string) =>
  db.notificationEvent.findMany({ where: { connectionId }, orderBy: { createdAt: "asc" } });

/** Runs the job once at `at`, expecting one reminder, mails it; returns the mail, sent to ops and linking the connection. */
async function mailedReminder(at: string, connection: { id: string; name: string }) {
  const clock = { now: new Date(at) };
  await withReminderJob(clock, async (job) => {
    expect(await job.runOnce()).toBe(1);
  });
  const before = smtp.mails.length;
  await flushMails(clock);
  const mail = smtp.mails.slice(before).find((m) => m.text.includes(connection.name));
  expect(mail?.to).toEqual(["ops@expiry.test"]);
  expect(mail!.text).toContain(`https://handshake.example/connections/${connection.id}`);
  return mail!;
}

describe("secret expiry reminders", () => {
  it("fire 30, 14, 7 and 1 day(s) before and on the day, once each, and survive a restart", async () => {
    const connection = await activeConnection("Payroll API", "2027-01-31");
    const clock = { now: new Date() };
    const sentOn = await withReminderJob(clock, (job) => walk(job, clock, "2026-12-01", "2027-02-10"));
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
    await withReminderJob(clock, async (restarted) => {
      expect(await walk(restarted, clock, "2026-12-30", "2027-02-02")).toEqual({});
    });
    expect(await eventsOf(connection.id)).toHaveLength(5);
  });

  it("mails the reminder with the connection, the date, what to do and the link, and no secret", async () => {
    const connection = await activeConnection("Billing API", "2027-06-30");
    const mail = await mailedReminder("2027-06-23T08:00:00Z", connection);
    expect(mail.text).toContain("Subject: [Handshake] Client secret expiring: Billing API");
    expect(mail.text).toContain("The client secret of Billing API expires on 2027-06-30, in 7 days.");
    expect(mail.text).toContain("Secret expires on: 2027-06-30 (7 days left)");
    expect(mail.text).toContain("Rotate the client secret at the provider, then set the new one in Handshake");
    for (const secret of [CLIENT_SECRET, SMTP_PASSWORD, connection.clientSecretEncrypted!]) {
      expect(mail.raw).not.toContain(secret);
    }
  });
});

describe("certificate expiry reminders", () => {
  it("fire at the same steps, once each, after a restart too, beside the secret's of the same day", async () => {
    // The secret and the certificate stop working at the same instant: two reminders per step.
    const connection = await activeConnection("Signing API", "2027-09-30", new Date("2027-09-30T00:00:00Z"));
    const clock = { now: new Date() };
    await withReminderJob(clock, async (job) => {
      // Other tests' connections may still owe a late step: count this connection's events by day.
      await walk(job, clock, "2027-08-25", "2027-10-03");
    });
    const sentOn: Record<string, number> = {};
    for (const event of await eventsOf(connection.id)) {
      const day = event.createdAt.toISOString().slice(0, 10);
      sentOn[day] = (sentOn[day] ?? 0) + 1;
    }
    expect(sentOn).toEqual({ "2027-08-31": 2, "2027-09-16": 2, "2027-09-23": 2, "2027-09-29": 2, "2027-09-30": 2 });
    await withReminderJob(clock, async (restarted) => {
      expect(await walk(restarted, clock, "2027-08-30", "2027-10-01")).toEqual({});
    });
    const events = (await eventsOf(connection.id)).map((e) => [e.type, JSON.parse(e.payload).daysLeft]);
    expect(events.filter(([type]) => String(type).startsWith("certificate."))).toEqual([
      ["certificate.expiring", 30],
      ["certificate.expiring", 14],
      ["certificate.expiring", 7],
      ["certificate.expiring", 1],
      ["certificate.expired", 0],
    ]);
    expect(events.filter(([type]) => String(type).startsWith("secret."))).toHaveLength(5);
  });

  it("mails the certificate reminder with the connection, the date, what to do and the link, no key", async () => {
    const { createTestKeyCertificate } = await import("@/lib/testing/test-certificate");
    const { storeConnectionClientKey } = await import("@/lib/connections/connection-client-key");
    const { CLIENT_KEY_DEFAULTS } = await import("@/lib/schemas/client-key");
    const imported = await createTestKeyCertificate({ notAfter: new Date("2027-12-15T12:00:00Z") });
    const connection = await activeConnection("Key API", "2028-06-30");
    await storeConnectionClientKey(actor, {
      connectionId: connection.id,
      input: {
        ...CLIENT_KEY_DEFAULTS,
        source: "import",
        privateKeyImport: imported.privateKeyPem,
        privateKeyCertificate: imported.certificatePem,
      },
    });
    const row = await db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(row.clientCertificateExpiresAt).toEqual(new Date("2027-12-15T12:00:00Z"));
    const mail = await mailedReminder("2027-12-01T08:00:00Z", connection);
    expect(mail.text).toContain("Subject: [Handshake] Client certificate expiring: Key API");
    expect(mail.text).toContain("The client certificate of Key API expires on 2027-12-15, in 14 days.");
    expect(mail.text).toContain("Certificate expires on: 2027-12-15 (14 days left)");
    expect(mail.text).toContain("Renew the certificate (or rotate the key with a new certificate)");
    const { webhookBody } = await import("@/lib/notifications/notification-message");
    const { parseNotificationPayload } = await import("@/lib/notifications/notification-events");
    const [event] = await eventsOf(connection.id);
    const body = webhookBody({
      id: event!.id,
      type: event!.type,
      createdAt: event!.createdAt,
      payload: parseNotificationPayload(event!.payload),
    });
    expect(body).toMatchObject({
      type: "certificate.expiring",
      data: {
        credential: "certificate",
        expiresOn: "2027-12-15",
        daysLeft: 14,
        link: `https://handshake.example/connections/${connection.id}`,
      },
    });
    const pemBody = imported.privateKeyPem.split("\n")[1]!;
    for (const secret of [CLIENT_SECRET, SMTP_PASSWORD, row.clientSecretEncrypted!, row.privateKeyEncrypted!, pemBody])
      expect(mail.raw).not.toContain(secret);
  });
});

describe("expiry reminders after a renewal", () => {
  // A renewed secret or certificate has its own reminders from the start. Renewed to a date five days
  // ahead, only "7 days" is due (sent with 5 days left), then 1 day and the day; 30 and 14 are not sent late.
  it.each([
    {
      credential: "secret",
      create: () => activeConnection("Orders API", "2027-04-30"),
      renewal: { clientSecretExpiresAt: new Date("2027-05-05T00:00:00Z") },
      before: { from: "2027-03-31", to: "2027-04-01", sent: { "2027-03-31": 1 } },
      after: { from: "2027-04-30", to: "2027-05-06", sent: { "2027-04-30": 1, "2027-05-04": 1, "2027-05-05": 1 } },
      expiresOn: { first: "2027-04-30", renewed: "2027-05-05" },
    },
    {
      credential: "certificate",
      create: () =>
        db.connection.create({
          data: { name: "Renewed API", status: "ACTIVE", clientCertificateExpiresAt: new Date("2027-11-20T15:00:00Z") },
        }),
      renewal: { clientCertificateExpiresAt: new Date("2027-10-27T09:30:00Z") },
      before: { from: "2027-10-20", to: "2027-10-22", sent: { "2027-10-21": 1 } },
      after: { from: "2027-10-22", to: "2027-10-28", sent: { "2027-10-22": 1, "2027-10-26": 1, "2027-10-27": 1 } },
      expiresOn: { first: "2027-11-20", renewed: "2027-10-27" },
    },
  ])(
    "are armed again by a renewed $credential, and one set late sends only the step due",
    async ({ credential, create, renewal, before, after, expiresOn }) => {
      const connection = await create();
      const clock = { now: new Date() };
      await withReminderJob(clock, async (job) => {
        expect(await walk(job, clock, before.from, before.to)).toEqual(before.sent);
        await setExpiry(connection.id, renewal);
        expect(await walk(job, clock, after.from, after.to)).toEqual(after.sent);
      });
      const events = await eventsOf(connection.id);
      expect(events.map((e) => [e.type, JSON.parse(e.payload).expiresOn, JSON.parse(e.payload).daysLeft])).toEqual([
        [`${credential}.expiring`, expiresOn.first, 30],
        [`${credential}.expiring`, expiresOn.renewed, 5],
        [`${credential}.expiring`, expiresOn.renewed, 1],
        [`${credential}.expired`, expiresOn.renewed, 0],
      ]);
    },
  );
});
