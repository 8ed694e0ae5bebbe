/**
 * Who gets in through single sign-on, with which role. The role comes from one claim of the
 * validated ID token (or UserInfo), e.g. `groups`: a value the admin mapped to ADMIN wins over one
 * mapped to AUDITOR; no mapped value is a refusal. Users are created on their first sign-in (just
 * in time) and their role follows the claim at every sign-in. A refused user who exists loses
 * their open sessions at once, so leaving the group at the IdP ends access here.
 */
import { prisma as db } from "@/lib/db/prisma";
import type { Role } from "@/lib/auth/roles";
import type { SsoConfiguration } from "@/lib/config/sso-env";
import { revokeUserSessions } from "@/lib/auth/user-sessions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { RequestContext } from "@/lib/http/request-context";

export type SsoRefusal = "no_mapped_role" | "domain_not_allowed" | "no_email" | "disabled";

export type SsoAdmission =
  | { admitted: true; userId: string; email: string; name: string | null; tokenVersion: number; role: Role }
  | { admitted: false; reason: SsoRefusal };

/** What the refusal page says, by reason. */
export const SSO_REFUSALS: Record<SsoRefusal, string> = {
  no_mapped_role:
    "Your account at the identity provider is in no group that gives access to Handshake. Ask an admin to add you to the admin or auditor group.",
  domain_not_allowed: "Your e-mail domain is not allowed to sign in to Handshake.",
  no_email: "The identity provider did not send an e-mail address for your account, so Handshake cannot sign you in.",
  disabled: "Your Handshake account is disabled. Ask an admin to enable it.",
};

export function isSsoRefusal(value: string | undefined): value is SsoRefusal {
  return !!value && value in SSO_REFUSALS;
}

/** The claim's values as strings: a list (groups, roles) or a single string. */
function claimValues(claims: Record<string, unknown>, name: string): string[] {
  const value = claims[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" ? [value] : [];
}

export function roleFromClaims(claims: Record<string, unknown>, settings: SsoConfiguration): Role | null {
  const values = claimValues(claims, settings.roleClaim);
  if (values.some((v) => settings.adminValues.includes(v))) return "ADMIN";
  if (values.some((v) => settings.auditorValues.includes(v))) return "AUDITOR";
  return null;
}

export async function admitSsoUser(
  claims: Record<string, unknown>,
  settings: SsoConfiguration,
  context: RequestContext,
): Promise<SsoAdmission> {
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase().slice(0, 320) : "";
  const name = typeof claims.name === "string" ? claims.name.slice(0, 200) : null;
  const role = roleFromClaims(claims, settings);
  const domain = email.split("@")[1] ?? "";
  const reason: SsoRefusal | null = !email
    ? "no_email"
    : settings.allowedDomains.length > 0 && !settings.allowedDomains.includes(domain)
      ? "domain_not_allowed"
      : role === null
        ? "no_mapped_role"
        : null;

  return db.$transaction(async (tx) => {
    const existing = email ? await tx.user.findUnique({ where: { email } }) : null;
    const refusal = reason ?? (existing?.disabled ? "disabled" : null);
    if (refusal || !role) {
      const sessionsEnded = existing ? await revokeUserSessions(tx, existing.id, "idp_refused") : 0;
      await recordAuditEvent(tx, {
        actor: { id: existing?.id ?? null, email: email || "(none)", role: existing?.role ?? null, ...context },
        action: "auth.sso_sign_in_refused",
        ...(existing ? { target: { type: "user", id: existing.id, name: existing.email } } : {}),
        details: { issuer: settings.issuer, reason: refusal ?? "no_mapped_role", sessionsEnded },
      });
      return { admitted: false, reason: refusal ?? "no_mapped_role" };
    }

    // No password: an empty hash never verifies (lib/auth/password.ts), so the account signs in through the IdP only.
    const user =
      existing ?? (await tx.user.create({ data: { email, name, passwordHash: "", role, lastSignInAt: new Date() } }));
    const actor = { id: user.id, email: user.email, role, ...context };
    const target = { type: "user", id: user.id, name: user.email };
    let tokenVersion = user.tokenVersion;
    if (existing) {
      const roleChanged = existing.role !== role;
      // A role change ends the user's other sessions, as when an admin changes it (lib/users/manage-users.ts).
      const updated = await tx.user.update({
        where: { id: user.id },
        data: { lastSignInAt: new Date(), ...(roleChanged ? { role, tokenVersion: { increment: 1 } } : {}) },
      });
      tokenVersion = updated.tokenVersion;
      if (roleChanged)
        await recordAuditEvent(tx, {
          actor,
          action: "auth.sso_role_changed",
          target,
          details: { role: { from: existing.role, to: role }, claim: settings.roleClaim },
        });
    }
    await recordAuditEvent(tx, {
      actor,
      action: "auth.sso_sign_in",
      target,
      details: { issuer: settings.issuer, role, createdJustInTime: !existing },
    });
    return { admitted: true, userId: user.id, email: user.email, name: user.name, tokenVersion, role };
  });
}
