import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { prisma } from "@/lib/db/prisma";
import { isRole, roleSatisfies, type Role } from "@/lib/auth/roles";
import { getRequestContext } from "@/lib/http/request-context";
import type { AuditActor } from "@/lib/audit/record-audit-event";

export type SessionUser = { id: string; email: string; name: string | null; role: Role; mustChangePassword: boolean };

/**
 * The signed-in user, re-read from the database on every request: a disabled or demoted user,
 * or one whose sessions were revoked (tokenVersion bumped), loses access at the next request.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const user = await prisma.user.findUnique({ where: { id } });
  if (!user || user.disabled || user.tokenVersion !== (session.user.tokenVersion ?? 0) || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, mustChangePassword: user.mustChangePassword };
});

/** For pages and layouts: redirects to sign-in when signed out, renders 403 when the role is too low. */
export async function requirePageUser(required: Role = "AUDITOR"): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) {
    // A session cookie that no longer works means expired, disabled or revoked: say so on the sign-in page.
    const store = await cookies();
    const hadSession = store.has("next-auth.session-token") || store.has("__Secure-next-auth.session-token");
    redirect(hadSession ? "/login?error=SessionRequired" : "/login");
  }
  if (!roleSatisfies(user.role, required)) forbidden();
  return user;
}

export class AuthorizationError extends Error {
  constructor(readonly status: 401 | 403) {
    super(status === 401 ? "Your session has ended. Sign in again." : "Your role does not allow this action.");
    this.name = "AuthorizationError";
  }
}

/** For server actions and route handlers: throws AuthorizationError instead of redirecting. */
export async function requireUser(required: Role = "AUDITOR"): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AuthorizationError(401);
  if (!roleSatisfies(user.role, required)) throw new AuthorizationError(403);
  return user;
}

/** For route handlers: the user, or a JSON 401/403 response to return as is. */
export async function authorizeRoute(required: Role = "AUDITOR"): Promise<SessionUser | Response> {
  try {
    return await requireUser(required);
  } catch (error) {
    if (error instanceof AuthorizationError) {
      return Response.json({ error: error.message }, { status: error.status, headers: { "Cache-Control": "no-store" } });
    }
    throw error;
  }
}

export async function auditActorFor(user: SessionUser): Promise<AuditActor> {
  const context = await getRequestContext();
  return { id: user.id, email: user.email, role: user.role, ...context };
}
