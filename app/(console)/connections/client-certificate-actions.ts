"use server";

import { runAction } from "@/lib/actions/action-result";
import {
  clientCertificateSchema,
  type ClientCertificateInput,
  type ClientCertificateSummary,
} from "@/lib/schemas/client-certificate";
import { storeConnectionClientCertificate } from "@/lib/connections/connection-client-certificate";
import { storeConnectionCredential, type CredentialStore } from "@/app/(console)/connections/connection-action-support";

const CLIENT_CERTIFICATE: CredentialStore<typeof clientCertificateSchema, ClientCertificateSummary> = {
  schema: clientCertificateSchema,
  store: storeConnectionClientCertificate,
  message: (stored, { source }) =>
    source === "generate"
      ? `Self-signed certificate generated (thumbprint ${stored.thumbprint}).`
      : `Certificate uploaded (thumbprint ${stored.thumbprint}).`,
};

/**
 * Generates (on the server, self-signed) or uploads the connection's mTLS client certificate
 * (ADMIN only). Only the certificate and its facts come back: the private key never leaves the server.
 */
export async function storeClientCertificateAction(connectionId: string, values: ClientCertificateInput) {
  return runAction("ADMIN", (user) => storeConnectionCredential(user, connectionId, values, CLIENT_CERTIFICATE));
}
