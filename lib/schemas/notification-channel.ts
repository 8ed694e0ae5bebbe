import { z } from "zod";
import { recordIdSchema } from "@/lib/schemas/record-id";
import { NOTIFICATION_EVENT_TYPES } from "@/lib/notifications/notification-events";

export const CHANNEL_KINDS = ["WEBHOOK", "EMAIL"] as const;
export const WEBHOOK_FORMATS = ["STANDARD", "SLACK"] as const;
export const SMTP_SECURITY = ["STARTTLS", "TLS", "NONE"] as const;
export const SMTP_SECURITY_LABELS: Record<(typeof SMTP_SECURITY)[number], string> = {
  STARTTLS: "STARTTLS (usually port 587)",
  TLS: "TLS from the start (usually port 465)",
  NONE: "None (only where the outbound policy allows it)",
};

const emailList = z
  .string()
  .trim()
  .refine((v) => v === "" || v.split(",").every((a) => z.email().safeParse(a.trim()).success), {
    message: "Enter e-mail addresses separated by commas.",
  });

/**
 * The Add/Edit channel form, shared by the dialog and the server action. Editing a channel keeps
 * its stored URL and password when those fields are left empty: they are never shown again.
 */
export function notificationChannelSchema(options: { editing: boolean }) {
  return z
    .object({
      name: z.string().trim().min(1, "Enter a name, such as “ops on-call”.").max(100, "Use at most 100 characters."),
      kind: z.enum(CHANNEL_KINDS),
      eventTypes: z.array(z.enum(NOTIFICATION_EVENT_TYPES)).min(1, "Choose at least one event."),
      access: z.enum(["all", "chosen"]),
      connectionIds: z.array(recordIdSchema).max(500),
      webhookUrl: z.string().trim().max(2000, "Use at most 2000 characters."),
      webhookFormat: z.enum(WEBHOOK_FORMATS),
      smtpHost: z.string().trim().max(255),
      smtpPort: z
        .number({ error: "Enter a port number." })
        .int("Enter a whole number.")
        .min(1, "Enter a port from 1 to 65535.")
        .max(65535, "Enter a port from 1 to 65535."),
      smtpSecurity: z.enum(SMTP_SECURITY),
      smtpUser: z.string().trim().max(255),
      smtpPassword: z.string().max(1000),
      smtpFrom: emailList,
      smtpRecipients: emailList,
    })
    .superRefine((v, ctx) => {
      const need = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      if (v.access === "chosen" && v.connectionIds.length === 0)
        need("connectionIds", "Choose at least one connection, or all connections.");
      if (v.kind === "WEBHOOK") {
        if (v.webhookUrl === "" && !options.editing) need("webhookUrl", "Enter the URL to send events to.");
        else if (v.webhookUrl !== "" && !/^https?:\/\/[^/\s]+/i.test(v.webhookUrl))
          need("webhookUrl", "Enter a full URL starting with https://.");
        return;
      }
      if (v.smtpHost === "") need("smtpHost", "Enter the mail server's host name.");
      if (v.smtpFrom === "" || v.smtpFrom.includes(",")) need("smtpFrom", "Enter one sender address.");
      if (v.smtpRecipients === "") need("smtpRecipients", "Enter at least one recipient.");
    });
}
export type NotificationChannelInput = z.infer<ReturnType<typeof notificationChannelSchema>>;

export function defaultChannelValues(): NotificationChannelInput {
  return {
    name: "",
    kind: "WEBHOOK",
    eventTypes: [...NOTIFICATION_EVENT_TYPES],
    access: "all",
    connectionIds: [],
    webhookUrl: "",
    webhookFormat: "STANDARD",
    smtpHost: "",
    smtpPort: 587,
    smtpSecurity: "STARTTLS",
    smtpUser: "",
    smtpPassword: "",
    smtpFrom: "",
    smtpRecipients: "",
  };
}

export const channelIdSchema = z.object({ channelId: recordIdSchema });
export const channelRefSchema = z.object({ channelId: recordIdSchema, version: z.number().int() });
export const deliveryIdSchema = z.object({ deliveryId: recordIdSchema });
