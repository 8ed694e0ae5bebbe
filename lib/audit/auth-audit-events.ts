/** Audit event kinds of sign-in, sessions, second factors, single sign-on, setup and users. */
import { z } from "zod";
import { auditEvent, changedFact, details, diff, NO_DETAILS } from "@/lib/audit/audit-details";

const secondFactorMethod = z.enum(["totp", "passkey"]);

export const AUTH_AUDIT_EVENTS = {
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
};
