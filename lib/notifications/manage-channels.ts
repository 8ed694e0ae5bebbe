/**
 * Creating, changing and deleting notification channels, each with its audit event in the same
 * transaction. The webhook URL (for Slack and Teams the URL is the credential), the signing
 * secret and the SMTP password are sealed; the signing secret is returned once, at creation.
 */
import crypto from "node:crypto";
import { prisma as db, type Tx } from "@/lib/db/prisma";
import type { NotificationChannel } from "@/lib/db/generated/client";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { newRecordId } from "@/lib/db/record-id";
import { getConfig } from "@/lib/config/env";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { diffFields } from "@/lib/audit/diff";
import { ApplicationError } from "@/lib/errors/application-error";
import type { NotificationChannelInput } from "@/lib/schemas/notification-channel";

/** Standard Webhooks secrets are "whsec_" and base64 of 24 to 64 random bytes. */
function newSigningSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString("base64")}`;
}

function destinationOf(input: NotificationChannelInput): string {
  return input.kind === "WEBHOOK" ? new URL(input.webhookUrl).host : `${input.smtpHost}:${input.smtpPort}`;
}

async function checkConnections(tx: Tx, input: NotificationChannelInput): Promise<string[] | "all"> {
  if (input.access === "all") return "all";
  const ids = [...new Set(input.connectionIds)];
  const found = await tx.connection.findMany({
    where: { id: { in: ids } },
    select: { name: true },
    orderBy: { name: "asc" },
  });
  if (found.length !== ids.length)
    throw new ApplicationError(
      "One of the chosen connections no longer exists. Reload and choose again.",
      "rule",
      "connectionIds",
    );
  return found.map((c) => c.name);
}

function checkUrl(input: NotificationChannelInput): void {
  if (input.kind !== "WEBHOOK" || input.webhookUrl === "") return;
  const url = URL.canParse(input.webhookUrl) ? new URL(input.webhookUrl) : null;
  if (!url || url.username || url.password)
    throw new ApplicationError("Enter a full URL without a user name or password in it.", "rule", "webhookUrl");
  if (url.protocol === "http:" && !getConfig().outboundAllowHttp)
    throw new ApplicationError("Use an https URL: this server sends no events over plain http.", "rule", "webhookUrl");
}

/** The columns for the input; secrets only when typed (empty keeps the stored one on edit). */
function columnsOf(channelId: string, input: NotificationChannelInput) {
  const seal = (value: string, field: string) => encryptSecret(value, { recordId: channelId, field });
  const webhook = input.kind === "WEBHOOK";
  return {
    name: input.name,
    eventTypes: JSON.stringify(input.eventTypes),
    allConnections: input.access === "all",
    connectionIds: JSON.stringify(input.access === "all" ? [] : [...new Set(input.connectionIds)]),
    webhookFormat: webhook ? input.webhookFormat : null,
    ...(webhook && input.webhookUrl
      ? { webhookUrlEncrypted: seal(input.webhookUrl, "webhookUrl"), webhookHost: new URL(input.webhookUrl).host }
      : {}),
    smtpHost: webhook ? null : input.smtpHost,
    smtpPort: webhook ? null : input.smtpPort,
    smtpSecurity: webhook ? null : input.smtpSecurity,
    smtpUser: webhook ? null : input.smtpUser || null,
    ...(!webhook && input.smtpPassword ? { smtpPasswordEncrypted: seal(input.smtpPassword, "smtpPassword") } : {}),
    smtpFrom: webhook ? null : input.smtpFrom,
    smtpRecipients: webhook
      ? null
      : input.smtpRecipients
          .split(",")
          .map((r) => r.trim())
          .filter(Boolean)
          .join(", "),
  };
}

export async function createChannel(
  actor: AuditActor,
  input: NotificationChannelInput,
): Promise<{ id: string; name: string; signingSecret: string | null }> {
  checkUrl(input);
  const id = newRecordId();
  const signingSecret = input.kind === "WEBHOOK" ? newSigningSecret() : null;
  return db.$transaction(async (tx) => {
    const connections = await checkConnections(tx, input);
    await tx.notificationChannel.create({
      data: {
        id,
        kind: input.kind,
        ...columnsOf(id, input),
        webhookSecretEncrypted: signingSecret
          ? encryptSecret(signingSecret, { recordId: id, field: "webhookSecret" })
          : null,
      },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "notification_channel.created",
      target: { type: "notification_channel", id, name: input.name },
      details: { kind: input.kind, destination: destinationOf(input), eventTypes: input.eventTypes, connections },
    });
    return { id, name: input.name, signingSecret };
  });
}

/** What the audit diff compares: settings by value, the URL and password as changed or not. */
function auditView(channel: NotificationChannel) {
  return {
    name: channel.name,
    eventTypes: JSON.parse(channel.eventTypes) as string[],
    connections: channel.allConnections ? ("all" as const) : (JSON.parse(channel.connectionIds) as string[]),
    destination: channel.webhookHost ?? `${channel.smtpHost}:${channel.smtpPort}`,
    webhookFormat: channel.webhookFormat,
    webhookUrl: channel.webhookUrlEncrypted,
    smtpSecurity: channel.smtpSecurity,
    smtpUser: channel.smtpUser,
    smtpPassword: channel.smtpPasswordEncrypted,
    smtpFrom: channel.smtpFrom,
    smtpRecipients: channel.smtpRecipients,
  };
}

export async function updateChannel(
  actor: AuditActor,
  input: { channelId: string; version: number; input: NotificationChannelInput },
): Promise<void> {
  checkUrl(input.input);
  await db.$transaction(async (tx) => {
    const before = await tx.notificationChannel.findUnique({ where: { id: input.channelId } });
    if (!before) throw new ApplicationError("This channel no longer exists.", "not_found");
    if (before.kind !== input.input.kind)
      throw new ApplicationError("A channel keeps its kind; add a new channel instead.", "rule", "kind");
    await checkConnections(tx, input.input);
    const changed = await tx.notificationChannel.updateMany({
      where: { id: input.channelId, version: input.version },
      data: { ...columnsOf(input.channelId, input.input), version: { increment: 1 }, updatedAt: new Date() },
    });
    if (changed.count === 0)
      throw new ApplicationError("Someone changed this channel meanwhile. Reload to see their change.", "conflict");
    const after = await tx.notificationChannel.findUniqueOrThrow({ where: { id: input.channelId } });
    const diff = diffFields(auditView(before), auditView(after), { secretFields: ["webhookUrl", "smtpPassword"] });
    if (Object.keys(diff).length === 0) return;
    await recordAuditEvent(tx, {
      actor,
      action: "notification_channel.updated",
      target: { type: "notification_channel", id: after.id, name: after.name },
      details: { diff },
    });
  });
}

export async function deleteChannel(actor: AuditActor, channelId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const channel = await tx.notificationChannel.findUnique({ where: { id: channelId } });
    if (!channel) throw new ApplicationError("This channel no longer exists.", "not_found");
    await tx.notificationChannel.delete({ where: { id: channelId } });
    const view = auditView(channel);
    await recordAuditEvent(tx, {
      actor,
      action: "notification_channel.deleted",
      target: { type: "notification_channel", id: channel.id, name: channel.name },
      details: {
        kind: channel.kind as "WEBHOOK" | "EMAIL",
        destination: view.destination,
        eventTypes: view.eventTypes,
        connections: view.connections,
      },
    });
  });
}
