"use server";

import { revalidatePath } from "next/cache";
import { auditActorFor } from "@/lib/auth/session";
import { ok, parseInput, runAction, type ActionResult } from "@/lib/actions/action-result";
import { recordIdSchema } from "@/lib/schemas/record-id";
import { clientKeySchema, type ClientKeyInput, type ClientKeySummary } from "@/lib/schemas/client-key";
import { switchClientKeySchema, type SwitchClientKeyInput } from "@/lib/schemas/client-key-rotation";
import {
  discardNextClientKey,
  prepareNextClientKey,
  retireOldClientKey,
  switchToNextClientKey,
} from "@/lib/connections/client-key-rotation";
import { storeConnectionCredential, UNKNOWN_CONNECTION } from "@/app/(console)/connections/connection-action-support";

/**
 * private_key_jwt key rotation on the connection's page (ADMIN only; auditors see it read-only).
 * "Test with new key" is the connection's own test with `nextKey` (test-actions.ts).
 */

export async function prepareNextClientKeyAction(
  connectionId: string,
  values: ClientKeyInput,
): Promise<ActionResult<ClientKeySummary>> {
  return runAction("ADMIN", (user) =>
    storeConnectionCredential(user, connectionId, values, {
      schema: clientKeySchema,
      store: prepareNextClientKey,
      message: (next) => `New key prepared (kid ${next.kid}): the JWKS publishes it next to the current key.`,
    }),
  );
}

export async function switchToNextClientKeyAction(
  connectionId: string,
  values: SwitchClientKeyInput,
): Promise<ActionResult<{ kid: string }>> {
  return runAction("ADMIN", async (user) => {
    const id = parseInput(recordIdSchema, connectionId, UNKNOWN_CONNECTION);
    const { grace } = parseInput(switchClientKeySchema, values);
    const { kid, retireAt } = await switchToNextClientKey(await auditActorFor(user), { connectionId: id, grace });
    revalidatePath(`/connections/${id}`);
    const old = retireAt ? `the old key stays in the JWKS until ${retireAt.toISOString()}` : "the old key is retired";
    return ok({ kid }, `Switched to the new key (kid ${kid}); ${old}.`);
  });
}

export async function discardNextClientKeyAction(connectionId: string): Promise<ActionResult<{ kid: string }>> {
  return runAction("ADMIN", async (user) => {
    const id = parseInput(recordIdSchema, connectionId, UNKNOWN_CONNECTION);
    const kid = await discardNextClientKey(await auditActorFor(user), id);
    revalidatePath(`/connections/${id}`);
    return ok({ kid }, `New key discarded (kid ${kid}).`);
  });
}

export async function retireOldClientKeyAction(connectionId: string): Promise<ActionResult<{ kid: string }>> {
  return runAction("ADMIN", async (user) => {
    const id = parseInput(recordIdSchema, connectionId, UNKNOWN_CONNECTION);
    const kid = await retireOldClientKey(await auditActorFor(user), id);
    revalidatePath(`/connections/${id}`);
    return ok({ kid }, `Old key retired (kid ${kid}): the JWKS no longer publishes it.`);
  });
}
