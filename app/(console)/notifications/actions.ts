"use server";

import { revalidatePath } from "next/cache";
import { auditActorFor } from "@/lib/auth/session";
import { ok, parseInput, runAction, type ActionResult } from "@/lib/actions/action-result";
import { createChannel, deleteChannel, updateChannel } from "@/lib/notifications/manage-channels";
import { redeliver, sendTestEvent, type SendOutcome } from "@/lib/notifications/send-now";
import {
  channelIdSchema,
  deliveryIdSchema,
  notificationChannelSchema,
  channelRefSchema,
  type NotificationChannelInput,
} from "@/lib/schemas/notification-channel";

function describeOutcome(outcome: SendOutcome): string {
  if (outcome.status === "DELIVERED") return `Delivered${outcome.statusCode ? ` (${outcome.statusCode})` : ""}.`;
  return `Not delivered: ${outcome.error ?? "unknown error"} See the delivery log.`;
}

/** Returns a webhook's signing secret once; it is never readable again. */
export async function createChannelAction(
  input: NotificationChannelInput,
): Promise<ActionResult<{ id: string; name: string; signingSecret: string | null }>> {
  return runAction("ADMIN", async (user) => {
    const parsed = parseInput(notificationChannelSchema({ editing: false }), input);
    const created = await createChannel(await auditActorFor(user), parsed);
    revalidatePath("/notifications");
    return ok(created, `Added the channel “${created.name}”.`);
  });
}

export async function updateChannelAction(
  ref: { channelId: string; version: number },
  input: NotificationChannelInput,
): Promise<ActionResult> {
  return runAction("ADMIN", async (user) => {
    const { channelId, version } = parseInput(channelRefSchema, ref, "Unknown channel.");
    const parsed = parseInput(notificationChannelSchema({ editing: true }), input);
    await updateChannel(await auditActorFor(user), { channelId, version, input: parsed });
    revalidatePath("/notifications");
    return ok(undefined, "Channel saved.");
  });
}

export async function deleteChannelAction(input: { channelId: string }): Promise<ActionResult> {
  return runAction("ADMIN", async (user) => {
    const parsed = parseInput(channelIdSchema, input, "Unknown channel.");
    await deleteChannel(await auditActorFor(user), parsed.channelId);
    revalidatePath("/notifications");
    return ok(undefined, "Channel deleted.");
  });
}

export async function sendTestEventAction(input: { channelId: string }): Promise<ActionResult> {
  return runAction("ADMIN", async () => {
    const parsed = parseInput(channelIdSchema, input, "Unknown channel.");
    const outcome = await sendTestEvent(parsed.channelId);
    revalidatePath("/notifications");
    return ok(undefined, `Test event: ${describeOutcome(outcome)}`);
  });
}

export async function redeliverAction(input: { deliveryId: string }): Promise<ActionResult> {
  return runAction("ADMIN", async () => {
    const parsed = parseInput(deliveryIdSchema, input, "Unknown delivery.");
    const outcome = await redeliver(parsed.deliveryId);
    revalidatePath("/notifications");
    return ok(undefined, `Redelivery: ${describeOutcome(outcome)}`);
  });
}
