/**
 * Every kind of audit event, declared once: the label the Audit page shows and the zod schema of
 * its details. The kind is stored as the event's `action`. Appending checks the details against the
 * schema (lib/audit/record-audit-event.ts); stored events are shown as stored, whatever they hold,
 * because the chain's hashes cover the stored bytes.
 */
import { z } from "zod";
import { isSecretAuditField } from "@/lib/audit/label-audit-field";
import { findSecretValues } from "@/lib/audit/redact";
import { API_PERMISSIONS } from "@/lib/api-keys/permissions";

/** Details are a closed object (an unknown key is refused) holding no secret value at any depth. */
function details<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape).superRefine((value, ctx) => {
    for (const path of findSecretValues(value))
      ctx.addIssue({ code: "custom", path, message: "Audit details never hold a secret value." });
  });
}

const NO_DETAILS = details({});

/** A diff from lib/audit/diff.ts: values, or for a secret field the fact that it changed. */
const diff = z
  .record(
    z.string(),
    z.union([
      z.strictObject({ from: z.unknown(), to: z.unknown() }),
      z.strictObject({ changed: z.literal(true), secret: z.literal(true) }),
    ]),
  )
  .superRefine((value, ctx) => {
    for (const [field, change] of Object.entries(value)) {
      if ("from" in change && isSecretAuditField(field))
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: "A secret field is audited as changed, never with its values.",
        });
    }
  });

/** The sha256 of the connections file an import applied (lib/connections-file/). */
const importChecksum = z.string().regex(/^[0-9a-f]{64}$/);

/** A secret that changed outside a diff (a password): the fact only. */
const changedFact = z.strictObject({ changed: z.literal(true) });

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

/** The record retention pruning writes; verification reads where the chain starts from it (lib/audit/chain-start.ts). */
const prunedDetails = details({
  retentionDays: z.number(),
  cutoff: z.string(),
  deletedCount: z.number().int(),
  deletedThroughSeq: z.number().int(),
  chainStart: z.strictObject({ seq: z.number().int(), prevHash: z.string() }),
  /** Absent in records written before chains had an identity. */
  chainId: z.string().optional(),
});

/** A notification channel as audited: where it sends (host only: a webhook URL can be its credential) and what. */
const channelDetails = details({
  kind: z.enum(["WEBHOOK", "EMAIL"]),
  destination: z.string(),
  eventTypes: z.array(z.string()),
  connections: z.union([z.literal("all"), z.array(z.string())]),
});
const secondFactorMethod = z.enum(["totp", "passkey"]);

function auditEvent<Details extends z.ZodType<Record<string, unknown>>>(label: string, detailsSchema: Details) {
  return { label, details: detailsSchema };
}

export const AUDIT_EVENTS = {
  "auth.sign_in": auditEvent(
    "Signed in",
    details({ secondFactor: z.enum(["totp", "recovery_code", "passkey"]).optional() }),
  ),
  "auth.sign_in_failed": auditEvent("Sign-in failed", details({ reason: z.enum(["disabled", "invalid_credentials"]) })),
  "auth.sign_in_delay_sustained": auditEvent(
    "Sign-in delay held up for an account",
    details({ failuresInWindow: z.number().int(), accountDelaySeconds: z.number() }),
  ),
  "auth.password_change_failed": auditEvent(
    "Password change failed",
    details({ reason: z.literal("wrong_current_password") }),
  ),
  "auth.password_changed": auditEvent(
    "Own password changed",
    details({ password: changedFact, self: z.literal(true) }),
  ),
  "auth.sign_out": auditEvent("Signed out", NO_DETAILS),
  "auth.session_expired": auditEvent(
    "Session expired",
    details({ reason: z.enum(["idle", "lifetime"]), lastSeenAt: z.string() }),
  ),
  "auth.second_factor_enrolled": auditEvent(
    "Second factor added",
    details({ method: secondFactorMethod, recoveryCodesIssued: z.number().int().optional() }),
  ),
  "auth.second_factor_removed": auditEvent("Second factor removed", details({ method: secondFactorMethod })),
  "auth.second_factor_failed": auditEvent(
    "Second factor refused",
    details({ method: z.enum(["totp", "recovery_code", "passkey"]) }),
  ),
  "auth.recovery_code_used": auditEvent("Recovery code used", details({ remaining: z.number().int() })),
  "auth.second_factor_policy_changed": auditEvent(
    "Second factor requirement changed",
    details({ required: z.strictObject({ from: z.boolean(), to: z.boolean() }) }),
  ),
  "auth.session_limits_changed": auditEvent(
    "Session limits changed",
    details({
      idleMinutes: z.strictObject({ from: z.number(), to: z.number() }),
      lifetimeHours: z.strictObject({ from: z.number(), to: z.number() }),
    }),
  ),
  // Single sign-on (lib/auth/sso-*.ts): settings, their test, the switch, and each sign-in through the IdP.
  "auth.sso_settings_changed": auditEvent("Single sign-on settings changed", details({ diff })),
  "auth.sso_settings_tested": auditEvent(
    "Single sign-on settings tested",
    details({ issuer: z.string(), outcome: z.enum(["passed", "failed"]), problem: z.string().optional() }),
  ),
  "auth.sso_switched": auditEvent(
    "Single sign-on switched",
    details({
      enabled: z.strictObject({ from: z.boolean(), to: z.boolean() }),
      localSignInOff: z.strictObject({ from: z.boolean(), to: z.boolean() }),
      breakGlassEmails: z.array(z.string()),
    }),
  ),
  "auth.sso_sign_in": auditEvent(
    "Signed in with single sign-on",
    details({ issuer: z.string(), role: z.enum(["ADMIN", "AUDITOR"]), createdJustInTime: z.boolean() }),
  ),
  "auth.sso_sign_in_refused": auditEvent(
    "Single sign-on refused",
    details({
      issuer: z.string(),
      reason: z.enum(["no_mapped_role", "domain_not_allowed", "no_email", "disabled"]),
      sessionsEnded: z.number().int(),
    }),
  ),
  "auth.sso_role_changed": auditEvent(
    "Role changed by the identity provider",
    details({ role: z.strictObject({ from: z.string(), to: z.enum(["ADMIN", "AUDITOR"]) }), claim: z.string() }),
  ),
  "auth.local_sign_in_refused": auditEvent("Local sign-in refused: single sign-on only", NO_DETAILS),
  "setup.completed": auditEvent("Setup completed", details({ role: z.literal("ADMIN") })),
  "user.created": auditEvent(
    "User created",
    details({ role: z.string(), oneTimePassword: z.boolean().optional(), source: z.literal("ADMIN_EMAIL").optional() }),
  ),
  "user.role_changed": auditEvent("User role changed", details({ diff })),
  "user.disabled": auditEvent("User disabled", details({ diff })),
  "user.enabled": auditEvent("User enabled", details({ diff })),
  "user.password_reset": auditEvent(
    "User password reset",
    details({ password: changedFact, oneTimePassword: z.boolean() }),
  ),
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
      outcome: z.enum(["needs re-authorization", "provider unavailable, cooling down"]),
      error: z.string(),
      diagnosis: z.string(),
      retryAfter: z.string().optional(),
    }),
  ),
  "api_key.created": auditEvent(
    "API key created",
    details({
      prefix: z.string(),
      connections: z.union([z.literal("all"), z.array(z.string())]),
      userAccess: z.enum(["SHARED_ONLY", "CHOSEN_USERS", "ALL_USERS"]),
      users: z.array(z.string()),
      expiresAt: z.string().nullable(),
      rateLimitPerMinute: z.number().int().nullable(),
      permissions: z.array(z.enum(API_PERMISSIONS)).optional(),
    }),
  ),
  "api_key.permissions_changed": auditEvent(
    "API key permissions changed",
    details({ prefix: z.string(), from: z.array(z.enum(API_PERMISSIONS)), to: z.array(z.enum(API_PERMISSIONS)) }),
  ),
  "api_key.revoked": auditEvent("API key revoked", details({ prefix: z.string() })),
  "keys.rotated": auditEvent(
    "Encryption key rotated",
    details({ activeKeyId: z.string(), reencrypted: z.number().int() }),
  ),
  "audit.exported": auditEvent(
    "Audit exported",
    details({ format: z.enum(["csv", "jsonl"]), filter: z.record(z.string(), z.string()) }),
  ),
  "audit.pruned": auditEvent("Audit pruned", prunedDetails),
  "test_runs.pruned": auditEvent(
    "Test history pruned",
    details({ retentionDays: z.number().int(), cutoff: z.string(), deletedCount: z.number().int() }),
  ),
  "notification_channel.created": auditEvent("Notification channel created", channelDetails),
  "notification_channel.updated": auditEvent("Notification channel changed", details({ diff })),
  "notification_channel.deleted": auditEvent("Notification channel deleted", channelDetails),
};

export type AuditAction = keyof typeof AUDIT_EVENTS;

/** The details an event of this kind is appended with. */
export type AuditDetails<A extends AuditAction> = z.input<(typeof AUDIT_EVENTS)[A]["details"]>;

export type PrunedDetails = z.output<typeof prunedDetails>;

export const AUDIT_ACTIONS = Object.keys(AUDIT_EVENTS) as AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_EVENTS, value);
}

/** How an action reads on the Audit page; an action no longer declared is shown as stored. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_EVENTS[action].label : action;
}

/** The details checked against the kind's schema; throws naming the kind and the paths, never the values. */
export function checkAuditDetails<A extends AuditAction>(action: A, value: AuditDetails<A> | undefined): void {
  const parsed = AUDIT_EVENTS[action].details.safeParse(value ?? {});
  if (parsed.success) return;
  const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(details)"}: ${issue.message}`);
  throw new Error(
    `Audit event ${action} refused: its details do not match the declared schema (${issues.join("; ")}).`,
  );
}
