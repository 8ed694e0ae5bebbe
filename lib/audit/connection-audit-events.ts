/** Audit event kinds of connections (settings, credentials, tests, authorizations) and their token sets. */
import { z } from "zod";
import { auditEvent, details, diff, importChecksum } from "@/lib/audit/audit-details";

const testedDetails = details({
  testRunId: z.string(),
  purpose: z.enum(["TEST", "CONNECT"]),
  grantType: z.string(),
  targetHost: z.string().nullable(),
  outcome: z.enum(["SUCCESS", "WARNING", "FAILED", "CANCELLED"]),
  /** Absent for a test someone started. */
  trigger: z.literal("scheduled").optional(),
  diagnosis: z.string().optional(),
  stored: z.string().optional(),
});

const refreshDetails = {
  trigger: z.enum(["api", "background"]),
  grant: z.enum(["client_credentials", "refresh_token"]),
  owner: z.string(),
};

export const CONNECTION_AUDIT_EVENTS = {
  "connection.created": auditEvent(
    "Connection created",
    details({ status: z.literal("DRAFT"), diff, importChecksum: importChecksum.optional() }),
  ),
  "connection.updated": auditEvent(
    "Connection updated",
    details({
      diff,
      /** The draft's last step: the diff lists every setting it saved. */
      activated: z.literal(true).optional(),
      storedSets: z.string().optional(),
      fix: z.literal("add_scope").optional(),
      reason: z.string().optional(),
      /** A one-field revert: the test run whose configuration the field went back to. */
      revertedTo: z.string().optional(),
      importChecksum: importChecksum.optional(),
    }),
  ),
  "connection.duplicated": auditEvent(
    "Connection duplicated",
    details({ source: z.strictObject({ id: z.string(), name: z.string() }), secretCopied: z.literal(false) }),
  ),
  "connection.disabled": auditEvent(
    "Connection disabled",
    details({ diff, importChecksum: importChecksum.optional() }),
  ),
  "connection.enabled": auditEvent("Connection enabled", details({ diff, importChecksum: importChecksum.optional() })),
  "connection.deleted": auditEvent(
    "Connection deleted",
    details({
      status: z.string(),
      grantType: z.string(),
      providerType: z.string(),
      removed: z.strictObject({ authorizedAccounts: z.number().int(), testRuns: z.number().int() }),
      importChecksum: importChecksum.optional(),
    }),
  ),
  "connection.secret_rotated": auditEvent("Client secret rotated", details({ diff })),
  // The kid names the key; the key itself never reaches the trail.
  // The thumbprint and subject name the certificate; its private key never reaches the trail.
  "connection.client_certificate_set": auditEvent(
    "Client certificate set",
    details({
      thumbprint: z.string(),
      subject: z.string(),
      issuer: z.string(),
      notAfter: z.string(),
      source: z.enum(["generate", "pem", "pkcs12"]),
    }),
  ),
  "connection.client_key_set": auditEvent(
    "Private key set",
    details({
      kid: z.string(),
      alg: z.string(),
      source: z.enum(["generate", "import"]),
      certificate: z.boolean(),
    }),
  ),
  // Rotation of the private_key_jwt key (#21): each step names its keys by kid only.
  "connection.client_key_next_prepared": auditEvent(
    "New private key prepared",
    details({ kid: z.string(), alg: z.string(), source: z.enum(["generate", "import"]), certificate: z.boolean() }),
  ),
  "connection.client_key_next_tested": auditEvent(
    "Test with the new private key passed",
    details({ kid: z.string(), testRunId: z.string() }),
  ),
  "connection.client_key_next_discarded": auditEvent("New private key discarded", details({ kid: z.string() })),
  "connection.client_key_switched": auditEvent(
    "Switched to the new private key",
    details({ kid: z.string(), previousKid: z.string().nullable(), retireAt: z.string().nullable() }),
  ),
  "connection.client_key_retired": auditEvent("Old private key retired", details({ kid: z.string() })),
  "connection.tested": auditEvent("Connection tested", testedDetails),
  "connection.authorized": auditEvent(
    "Authorization completed",
    details({ testRunId: z.string(), ownerKey: z.string(), forUser: z.string().nullable(), sharing: z.string() }),
  ),
  "token.refreshed": auditEvent(
    "Token refreshed",
    details({
      ...refreshDetails,
      outcome: z.literal("refreshed"),
      rotated: z.boolean(),
      expiresAt: z.string(),
      lifetime: z.string(),
    }),
  ),
  "token.refresh_failed": auditEvent(
    "Token refresh failed",
    details({
      ...refreshDetails,
      outcome: z.enum([
        "needs re-authorization",
        "provider unavailable, cooling down",
        "stored secret unreadable, retrying later",
      ]),
      error: z.string(),
      diagnosis: z.string(),
      retryAfter: z.string().optional(),
      failuresInARow: z.number().int().optional(),
      nextBackgroundAttempt: z.string().optional(),
    }),
  ),
};
