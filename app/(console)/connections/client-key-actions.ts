"use server";

import { runAction } from "@/lib/actions/action-result";
import { clientKeySchema, type ClientKeyInput, type ClientKeySummary } from "@/lib/schemas/client-key";
import { storeConnectionClientKey } from "@/lib/connections/connection-client-key";
import { storeConnectionCredential, type CredentialStore } from "@/app/(console)/connections/connection-action-support";

const CLIENT_KEY: CredentialStore<typeof clientKeySchema, ClientKeySummary> = {
  schema: clientKeySchema,
  store: storeConnectionClientKey,
  message: (stored, { source }) =>
    source === "generate" ? `Key pair generated (kid ${stored.kid}).` : `Private key imported (kid ${stored.kid}).`,
};

/**
 * Generates (on the server) or imports the connection's private_key_jwt key (ADMIN only). Only
 * the kid, algorithm and thumbprint come back: the private key never leaves the server.
 */
export async function storeClientKeyAction(connectionId: string, values: ClientKeyInput) {
  return runAction("ADMIN", (user) => storeConnectionCredential(user, connectionId, values, CLIENT_KEY));
}
