"use server";

import { revalidatePath } from "next/cache";
import { auditActorFor } from "@/lib/auth/session";
import { ok, parseInput, runAction, type ActionResult } from "@/lib/actions/action-result";
import { recordIdSchema } from "@/lib/schemas/record-id";
import { clientKeySchema, type ClientKeyInput, type ClientKeySummary } from "@/lib/schemas/client-key";
import { storeConnectionClientKey } from "@/lib/connections/connection-client-key";

/**
 * Generates (on the server) or imports the connection's private_key_jwt key (ADMIN only). Only
 * the kid, algorithm and thumbprint come back: the private key never leaves the server.
 */
export async function storeClientKeyAction(
  connectionId: string,
  values: ClientKeyInput,
): Promise<ActionResult<ClientKeySummary>> {
  return runAction("ADMIN", async (user) => {
    const id = parseInput(recordIdSchema, connectionId, "This connection could not be found. Reload the page.");
    const input = parseInput(clientKeySchema, values);
    const stored = await storeConnectionClientKey(await auditActorFor(user), { connectionId: id, input });
    revalidatePath(`/connections/${id}`);
    return ok(
      stored,
      input.source === "generate"
        ? `Key pair generated (kid ${stored.kid}).`
        : `Private key imported (kid ${stored.kid}).`,
    );
  });
}
