import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { resumeUserSession } from "@/lib/auth/user-sessions";
import { isRole, roleSatisfies, type Role } from "@/lib/auth/roles";
import { getRequestContext } from "@/lib/http/request-context";
import { isCrossOriginRequest, plainTextResponse } from "@/lib/http/download-headers";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { isSecondFactorRequired } from "@/lib/auth/second-factor-policy";
import { hasSecondFactor } from "@/lib/auth/second-factor-sign-in";

export type SessionUser = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  mustChangePassword: boolean;
  /** An admin requires a second factor and this user has none yet: they may only add one. */
  mustEnrolSecondFactor: boolean;
};

/**
 * The signed-in user, re-read from the database with the session's row on every request: a
 * disabled or demoted user, one whose sessions were revoked (tokenVersion bumped), and a session
 * that was signed out, went idle or outlived its lifetime (lib/auth/user-sessions.ts) lose
 * access at the next request.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  const sessionId = session?.user?.sessionId;
  if (!id || !sessionId) return null;
  const user = await resumeUserSession(sessionId, id, await getRequestContext());
  if (!user || user.disabled || user.tokenVersion !== (session.user.tokenVersion ?? 0) || !isRole(user.role))
    return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
    mustEnrolSecondFactor: (await isSecondFactorRequired()) && !(await hasSecondFactor(user.id)),
  };
});

/**
 * Options of the user checks. A user still holding an admin-issued one-time password
 * (mustChangePassword) may do nothing but change it (and sign out, which is next-auth's own route):
 * only the password change passes `passwordChange: true`. Then a user who must add a second
 * factor may only do that: only the account page passes `secondFactorEnrolment: true`.
 */
export type RequireUserOptions = { passwordChange?: boolean; secondFactorEnrolment?: boolean };

/** For pages and layouts: redirects to sign-in when signed out, renders 403 when the role is too low. */
export async function requirePageUser(
  required: Role = "AUDITOR",
  options: RequireUserOptions = {},
): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) {
    // A session cookie that no longer works means expired, disabled or revoked: say so on the sign-in page.
    const store = await cookies();
    const hadSession = store.has("next-auth.session-token") || store.has("__Secure-next-auth.session-token");
    redirect(hadSession ? "/login?error=SessionRequired" : "/login");
  }
  if (user.mustChangePassword && !options.passwordChange) redirect("/change-password");
  if (user.mustEnrolSecondFactor && !options.secondFactorEnrolment && !options.passwordChange) redirect("/account");
  if (!roleSatisfies(user.role, required)) forbidden();
  return user;
}

const AUTHORIZATION_MESSAGES = {
  signed_out: "Your session has ended. Sign in again.",
  role: "Your role does not allow this action.",
  password_change: "Change your one-time password first: nothing else is allowed until then.",
  second_factor: "Add a second factor first: nothing else is allowed until then.",
} as const;

export class AuthorizationError extends Error {
  readonly status: 401 | 403;
  constructor(readonly reason: keyof typeof AUTHORIZATION_MESSAGES) {
    super(AUTHORIZATION_MESSAGES[reason]);
    this.name = "AuthorizationError";
    this.status = reason === "signed_out" ? 401 : 403;
  }
}

/** For server actions and route handlers: throws AuthorizationError instead of redirecting. */
export async function requireUser(required: Role = "AUDITOR", options: RequireUserOptions = {}): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AuthorizationError("signed_out");
  if (user.mustChangePassword && !options.passwordChange) throw new AuthorizationError("password_change");
  if (user.mustEnrolSecondFactor && !options.secondFactorEnrolment && !options.passwordChange)
    throw new AuthorizationError("second_factor");
  if (!roleSatisfies(user.role, required)) throw new AuthorizationError("role");
  return user;
}

/** For route handlers: the user, or a JSON 401/403 response to return as is. */
export async function authorizeRoute(required: Role = "AUDITOR"): Promise<SessionUser | Response> {
  try {
    return await requireUser(required);
  } catch (error) {
    if (error instanceof AuthorizationError) {
      return Response.json(
        { error: error.message },
        { status: error.status, headers: { "Cache-Control": "no-store" } },
      );
    }
    throw error;
  }
}

/**
 * For a file download (an export, a trace): the auditor or admin, or the response refusing it. A
 * download another origin started is refused (isCrossOriginRequest) with where to start it instead.
 */
export async function authorizeDownload(request: Request, startItFrom: string): Promise<SessionUser | Response> {
  const user = await authorizeRoute("AUDITOR");
  if (user instanceof Response || !isCrossOriginRequest(request)) return user;
  return plainTextResponse(startItFrom, 403);
}

export async function auditActorFor(user: SessionUser): Promise<AuditActor> {
  const context = await getRequestContext();
  return { id: user.id, email: user.email, role: user.role, ...context };
}
