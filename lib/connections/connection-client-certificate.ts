/**
 * A connection's mTLS client certificate (RFC 8705): generated on the server (self-signed) or
 * uploaded, its key sealed onto the row (lib/connections/client-certificates.ts), audited with its
 * thumbprint and subject only; and its facts as the connection page shows them. The form never
 * writes these columns, so storing a certificate leaves the connection's version alone.
 */
import type { Connection } from "@/lib/db/generated/client";
import { prisma as db } from "@/lib/db/prisma";
import { ApplicationError } from "@/lib/errors/application-error";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { TARGET, loadConnection } from "@/lib/connections/connection-writes";
import {
  ClientCertificateError,
  certificateFactsOf,
  certificateJwkOf,
  generateSelfSignedCertificate,
  importCertificatePem,
  sealedCertificateColumns,
} from "@/lib/connections/client-certificates";
import { readPkcs12 } from "@/lib/connections/pkcs12";
import type { ClientCertificateInput, ClientCertificateSummary } from "@/lib/schemas/client-certificate";

/** The connection's certificate (public) and its facts, or null when it has none. */
export function clientCertificateOf(row: Pick<Connection, "clientCertificatePem">): ClientCertificateSummary | null {
  if (!row.clientCertificatePem) return null;
  return { ...certificateFactsOf(row.clientCertificatePem), pem: row.clientCertificatePem };
}

/** The subject a generated certificate names: the connection's client ID, which providers register. */
function commonNameOf(row: Pick<Connection, "clientId" | "name">): string {
  return (row.clientId || row.name).slice(0, 64);
}

/** Generates or imports the certificate and key, seals them onto the connection and audits the thumbprint. */
export async function storeConnectionClientCertificate(
  actor: AuditActor,
  request: { connectionId: string; input: ClientCertificateInput },
): Promise<ClientCertificateSummary> {
  const { input } = request;
  const current = await db.connection.findUnique({ where: { id: request.connectionId } });
  if (!current) throw new ApplicationError("This connection could not be found. Reload the page.", "not_found");
  let certificate;
  try {
    certificate =
      input.source === "generate"
        ? await generateSelfSignedCertificate(commonNameOf(current))
        : input.source === "pkcs12"
          ? readPkcs12(Buffer.from(input.pkcs12File, "base64"), input.pkcs12Password)
          : importCertificatePem(input.clientCertificatePem, input.clientCertificateKey);
  } catch (error) {
    if (error instanceof ClientCertificateError) throw new ApplicationError(error.message, "validation", error.field);
    throw error;
  }
  const facts = certificateFactsOf(certificate.certificatePem);
  return db.$transaction(async (tx) => {
    const loaded = await loadConnection(tx, request.connectionId);
    const row = await tx.connection.update({
      where: { id: loaded.id },
      data: { ...sealedCertificateColumns(loaded.id, certificate), updatedById: actor.id },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "connection.client_certificate_set",
      target: TARGET(row),
      details: {
        thumbprint: facts.thumbprint,
        subject: facts.subject,
        issuer: facts.issuer,
        notAfter: facts.notAfter,
        source: input.source,
      },
    });
    return clientCertificateOf(row)!;
  });
}

/**
 * The key set with the connection's self-signed certificate (x5c) for a provider that fetches it
 * (RFC 8705 §2.2); null for any other connection, so the public route says nothing about them.
 */
export async function findCertificateJwks(connectionId: string): Promise<{ keys: Record<string, unknown>[] } | null> {
  const row = await db.connection.findUnique({
    where: { id: connectionId },
    select: { clientAuthMethod: true, clientCertificatePem: true },
  });
  if (row?.clientAuthMethod !== "self_signed_tls_client_auth" || !row.clientCertificatePem) return null;
  return { keys: [certificateJwkOf(row.clientCertificatePem)] };
}
