/**
 * The client profile a connection stands for (lib/oauth/client-profile.ts): its endpoints, client
 * ID, client authentication and the opened credential. This is where the client secret is
 * decrypted (and the private key of private_key_jwt or of the mTLS certificate opened) for a request; a connection that cannot make a request is refused with its diagnosis.
 */
import { timingSafeEqual } from "node:crypto";
import type { Connection } from "@/lib/db/generated/client";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { clientAuthChoiceOf, credentialNeedOf, isClientAuthMethod } from "@/lib/oauth/client-auth/client-auth-methods";
import type { ClientProfile, ParMode } from "@/lib/oauth/client-profile";
import { sealedKeyColumns, signingKeyFrom, type StoredClientKey } from "@/lib/connections/client-keys";
import { SEALED_DPOP_KEY } from "@/lib/connections/connection-dpop-key";
import type { DpopKey } from "@/lib/oauth/dpop";
import { boundSecretOrigin } from "@/lib/connections/secret-binding";
import { CONFIGURATION_DIAGNOSES } from "@/lib/diagnosis/configuration";
import { DiagnosedError, diagnosisFrom, fixedDiagnosis } from "@/lib/diagnosis/diagnosis";

/**
 * `signingKey: "next"` signs private_key_jwt assertions with the prepared next key (rotation's "Test
 * with new key"); everything else (token API, refresher, scheduled checks) signs with the current key.
 */
export function clientProfileOf(
  connection: Connection,
  options: { signingKey?: "current" | "next" } = {},
): ClientProfile {
  if (!connection.clientId) {
    throw new DiagnosedError(fixedDiagnosis(CONFIGURATION_DIAGNOSES.missing_client_id));
  }
  const method = connection.clientAuthMethod;
  if (!isClientAuthMethod(method)) {
    throw new DiagnosedError(diagnosisFrom(CONFIGURATION_DIAGNOSES.unsupported_client_auth, { method }));
  }
  let secret: string | undefined;
  if (credentialNeedOf(method) === "secret") {
    if (!connection.clientSecretEncrypted) {
      throw new DiagnosedError(diagnosisFrom(CONFIGURATION_DIAGNOSES.missing_secret, { method }));
    }
    secret = decryptSecret(connection.clientSecretEncrypted, { recordId: connection.id, field: "clientSecret" });
  }
  const signingKey =
    credentialNeedOf(method) === "key" ? openSigningKey(connection, options.signingKey ?? "current") : undefined;
  const certificate = credentialNeedOf(method) === "certificate" ? openClientCertificate(connection) : undefined;
  const storedMetadata = parseStoredMetadata(connection.discoveryMetadata);
  return {
    clientId: connection.clientId,
    issuer: connection.issuer,
    storedMetadata,
    endpoints: {
      authorization: connection.authorizationUrl ?? undefined,
      token: connection.tokenUrl ?? undefined,
      userinfo: connection.userinfoUrl ?? undefined,
      revocation: connection.revocationUrl ?? undefined,
      jwks: connection.jwksUrl ?? undefined,
    },
    clientAuth: clientAuthChoiceOf(method, connection),
    credential: { secret, signingKey, certificate, issuerKnown: Boolean(connection.issuer) },
    secretOrigin: secret === undefined ? null : boundSecretOrigin(connection),
    requestOptions: {
      par: parModeOf(connection.parMode),
      jar: connection.useJar,
      requestObjectKey: wantsJar(connection, storedMetadata)
        ? (signingKey ?? openSigningKey(connection, "current"))
        : undefined,
      dpopKey: openDpopKey(connection),
    },
  };
}

/**
 * JAR (RFC 9101) signs with the connection's private_key_jwt key: opened only when the connection
 * asks for JAR or the provider required it at setup; without a key the request is refused with the
 * jar_key_missing diagnosis.
 */
function wantsJar(connection: Connection, metadata: Record<string, unknown> | undefined): boolean {
  const asked = connection.useJar || metadata?.require_signed_request_object === true;
  return asked && Boolean(connection.privateKeyEncrypted);
}

function parModeOf(value: string): ParMode {
  return value === "OFF" || value === "ALWAYS" ? value : "WHEN_REQUIRED";
}

function openSigningKey(connection: Connection, which: "current" | "next") {
  const envelope = which === "next" ? connection.nextPrivateKeyEncrypted : connection.privateKeyEncrypted;
  if (!envelope) {
    throw new DiagnosedError(fixedDiagnosis(CONFIGURATION_DIAGNOSES.missing_private_key));
  }
  const field = which === "next" ? "nextPrivateKey" : "privateKey";
  return signingKeyFrom(decryptSecret(envelope, { recordId: connection.id, field }));
}

/**
 * The rotation's switch: the prepared next key sealed again as the connection's current key (and
 * its certificate's expiry), so that only this file opens a connection's keys.
 */
export function resealNextKeyAsCurrent(connection: { id: string; nextPrivateKeyEncrypted: string }) {
  const next = JSON.parse(
    decryptSecret(connection.nextPrivateKeyEncrypted, { recordId: connection.id, field: "nextPrivateKey" }),
  ) as StoredClientKey;
  return {
    ...sealedKeyColumns(connection.id, next),
    clientCertificateExpiresAt: next.certificateExpiresAt ? new Date(next.certificateExpiresAt) : null,
  };
}

function openClientCertificate(connection: Connection) {
  if (!connection.clientCertificatePem || !connection.clientCertificateKeyEncrypted) {
    throw new DiagnosedError(fixedDiagnosis(CONFIGURATION_DIAGNOSES.missing_client_certificate));
  }
  return {
    certificatePem: connection.clientCertificatePem,
    privateKeyPem: decryptSecret(connection.clientCertificateKeyEncrypted, {
      recordId: connection.id,
      field: "clientCertificateKey",
    }),
  };
}

/** The opened DPoP key pair (RFC 9449) for a request, or undefined when DPoP is off (or no key was made yet). */
export function openDpopKey(row: Connection): DpopKey | undefined {
  if (!row.useDpop || !row.dpopKeyEncrypted || !row.dpopPublicJwk) return undefined;
  const publicJwk = JSON.parse(row.dpopPublicJwk) as JsonWebKey & { alg?: string };
  const privateJwk = JSON.parse(decryptSecret(row.dpopKeyEncrypted, SEALED_DPOP_KEY(row.id))) as JsonWebKey;
  return { privateJwk, publicJwk, alg: publicJwk.alg ?? "ES256" };
}

function parseStoredMetadata(json: string | null): Record<string, unknown> | undefined {
  if (!json) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `value` is the stored client secret, compared in constant time (an import plan's "changed"). */
export function storedSecretEquals(
  connection: Pick<Connection, "id" | "clientSecretEncrypted">,
  value: string,
): boolean {
  if (!connection.clientSecretEncrypted) return false;
  try {
    const stored = Buffer.from(
      decryptSecret(connection.clientSecretEncrypted, { recordId: connection.id, field: "clientSecret" }),
    );
    const given = Buffer.from(value);
    return stored.length === given.length && timingSafeEqual(stored, given);
  } catch {
    // A secret sealed under a retired key reads as different: the import seals it again.
    return false;
  }
}
