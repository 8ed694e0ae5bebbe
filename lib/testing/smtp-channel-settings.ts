/**
 * An email channel's settings for the SMTP receiver on loopback (smtp-receiver.ts): plain SMTP,
 * signed in as "mailer" with the suite's password, so the suite can prove the password is in no mail;
 * from and to the given addresses.
 */
import type { NotificationChannelInput } from "@/lib/schemas/notification-channel";

export function smtpChannelSettings(port: number, password: string, mail: { from: string; to: string }) {
  return {
    smtpFrom: mail.from,
    smtpRecipients: mail.to,
    kind: "EMAIL",
    smtpHost: "127.0.0.1",
    smtpPort: port,
    smtpSecurity: "NONE",
    smtpUser: "mailer",
    smtpPassword: password,
  } satisfies Partial<NotificationChannelInput>;
}
