"use server";

import { revalidatePath } from "next/cache";
import { auditActorFor } from "@/lib/auth/session";
import { ok, parseInput, runAction, type ActionResult } from "@/lib/actions/action-result";
import { recordIdSchema } from "@/lib/schemas/record-id";
import {
  clientCertificateSchema,
  type ClientCertificateInput,
  type ClientCertificateSummary,
} from "@/lib/schemas/client-certificate";
import { storeConnectionClientCertificate } from "@/lib/connections/connection-client-certificate";

/**
 * Generates (on the server, self-signed) or uploads the connection's mTLS client certificate
 * (ADMIN only). Only the certificate and its facts come back: the private key never leaves the server.
 */
export async function storeClientCertificateAction(
  connectionId: string,
  values: ClientCertificateInput,
): Promise<ActionResult<ClientCertificateSummary>> {
  return runAction("ADMIN", async (user) => {
    const id = parseInput(recordIdSchema, connectionId, "This connection could not be found. Reload the page.");
    const input = parseInput(clientCertificateSchema, values);
    const stored = await storeConnectionClientCertificate(await auditActorFor(user), { connectionId: id, input });
    revalidatePath(`/connections/${id}`);
    return ok(
      stored,
      input.source === "generate"
        ? `Self-signed certificate generated (thumbprint ${stored.thumbprint}).`
        : `Certificate uploaded (thumbprint ${stored.thumbprint}).`,
    );
  });
}
