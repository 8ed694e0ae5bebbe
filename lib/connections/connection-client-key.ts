/**
 * A connection's private_key_jwt key: generated on the server or imported, sealed onto the row
 * (lib/connections/client-keys.ts) and audited with its kid only; and its public half as the
 * connection page and the JWKS route show it. The form never writes these columns, so storing a
 * key leaves the connection's version (and any open form) alone.
 */
import type { Connection } from "@/lib/db/generated/client";
import { prisma as db } from "@/lib/db/prisma";
import { ApplicationError } from "@/lib/errors/application-error";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { TARGET, loadConnection } from "@/lib/connections/connection-writes";
import {
  generateClientKey,
  importClientKey,
  jwkThumbprint,
  publicPemOf,
  sealedKeyColumns,
  type StoredClientKey,
} from "@/lib/connections/client-keys";
import type { ClientKeyInput, ClientKeySummary } from "@/lib/schemas/client-key";

export type ClientPublicKey = ClientKeySummary & { jwk: Record<string, string>; pem: string };

/** The public half of the connection's key, or null when it has none. */
export function clientPublicKeyOf(row: Pick<Connection, "publicKeyJwk">): ClientPublicKey | null {
  if (!row.publicKeyJwk) return null;
  const jwk = JSON.parse(row.publicKeyJwk) as Record<string, string>;
  return {
    jwk,
    pem: publicPemOf(jwk),
    kid: jwk.kid ?? "",
    alg: jwk.alg ?? "",
    thumbprint: jwkThumbprint(jwk),
    certificate: Boolean(jwk["x5t#S256"]),
  };
}

/** The kid, algorithm and thumbprint of the connection's key, for the wizard and the edit form. */
export function clientKeySummaryOf(row: Pick<Connection, "publicKeyJwk">): ClientKeySummary | null {
  const key = clientPublicKeyOf(row);
  return key && { kid: key.kid, alg: key.alg, thumbprint: key.thumbprint, certificate: key.certificate };
}

/** Providers may cache the key set; five minutes keeps the wait for a new key short. */
export const JWKS_CACHE_CONTROL = "public, max-age=300";

/**
 * The JWKS a provider fetches for the connection (RFC 7517 §5): public keys only, and only for a
 * connection that authenticates with private_key_jwt and has a key; null for any other id, so the
 * public route says nothing about connections that do not use one. During a rotation it holds the
 * current key, the prepared next key and the old key until its retire-at time (filtered here, so
 * housekeeping's clean-up can come later).
 */
export async function findConnectionJwks(
  connectionId: string,
  now: Date = new Date(),
): Promise<{ keys: Record<string, string>[] } | null> {
  const row = await db.connection.findUnique({
    where: { id: connectionId },
    select: {
      clientAuthMethod: true,
      publicKeyJwk: true,
      nextPublicKeyJwk: true,
      retiringPublicKeyJwk: true,
      retiringKeyRetireAt: true,
    },
  });
  if (row?.clientAuthMethod !== "private_key_jwt" || !row.publicKeyJwk) return null;
  const retiring = row.retiringKeyRetireAt && row.retiringKeyRetireAt > now ? row.retiringPublicKeyJwk : null;
  const published = [row.publicKeyJwk, row.nextPublicKeyJwk, retiring].filter((jwk): jwk is string => Boolean(jwk));
  return { keys: published.map((jwk) => JSON.parse(jwk) as Record<string, string>) };
}

/**
 * The admin's generated or imported key and its certificate's notAfter (null without one), or the
 * field's message as an ApplicationError.
 */
export function clientKeyFromInput(input: ClientKeyInput): { key: StoredClientKey; certificateExpiresAt: Date | null } {
  const imported =
    input.source === "import"
      ? importClientKey(input.privateKeyImport, input.algorithm, input.privateKeyCertificate)
      : { key: generateClientKey(input.algorithm), certificateExpiresAt: null };
  if ("error" in imported) throw new ApplicationError(imported.error, "validation", imported.field);
  return imported;
}

/**
 * Generates or imports the key, seals it onto the connection and audits its kid; an imported
 * certificate's notAfter becomes the connection's certificate expiry.
 */
export async function storeConnectionClientKey(
  actor: AuditActor,
  request: { connectionId: string; input: ClientKeyInput },
): Promise<ClientKeySummary> {
  const { input } = request;
  const { key, certificateExpiresAt } = clientKeyFromInput(input);
  return db.$transaction(async (tx) => {
    const current = await loadConnection(tx, request.connectionId);
    const row = await tx.connection.update({
      where: { id: current.id },
      // A key without a certificate clears the previous certificate's expiry (#24).
      data: {
        ...sealedKeyColumns(current.id, key),
        clientCertificateExpiresAt: certificateExpiresAt,
        updatedById: actor.id,
      },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "connection.client_key_set",
      target: TARGET(row),
      details: { kid: key.kid, alg: key.alg, source: input.source, certificate: Boolean(key.x5tS256) },
    });
    return clientKeySummaryOf(row)!;
  });
}
