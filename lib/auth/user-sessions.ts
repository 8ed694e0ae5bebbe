/**
 * Server-side sessions behind the session JWT. Signing a JWT cannot be taken back, so each
 * sign-in also creates a UserSession row and puts its id (`sid`) into the token; every page,
 * server action and route re-reads that row (lib/auth/session.ts) and refuses the session once it
 * is revoked (sign-out, password change), idle for longer than the idle timeout, or older
 * than the absolute lifetime (both set by an admin: lib/auth/session-policy.ts), on every replica. A copied cookie dies with its row.
 */
import { readSessionPolicy, type SessionPolicy } from "@/lib/auth/session-policy";
import { LIFETIME_HOURS_RANGE } from "@/lib/auth/session-limits";
import { prisma as db, type Tx } from "@/lib/db/prisma";
import type { User, UserSession } from "@/lib/db/generated/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { RequestContext } from "@/lib/http/request-context";

/** The session JWT's own expiry: the longest lifetime an admin may set; the rows decide before it. */
export const SESSION_MAX_AGE_SECONDS = LIFETIME_HOURS_RANGE.max * 60 * 60;

/** lastSeenAt moves at most this often per session, so requests do not each write. */
export const LAST_SEEN_INTERVAL_MS = 60_000;

type SessionExpiry = "idle" | "lifetime";
export type SessionEndReason = "signed_out" | "password_changed" | "idp_refused" | SessionExpiry;

/** A new session for a user who just signed in; old rows are pruned on the way. */
export async function startUserSession(userId: string, now = new Date(), policy?: SessionPolicy): Promise<string> {
  await pruneEndedSessions(now, policy ?? (await readSessionPolicy()));
  const session = await db.userSession.create({ data: { userId, createdAt: now, lastSeenAt: now } });
  return session.id;
}

/**
 * Rows older than the absolute lifetime can never be used again, whatever their state: one
 * indexed delete keeps the table to the sessions started within one lifetime. Revoked and idle
 * rows stay until then, so a replayed cookie is refused with its reason and audited once.
 */
export async function pruneEndedSessions(now = new Date(), policy?: SessionPolicy): Promise<number> {
  const { count } = await db.userSession.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - (policy ?? (await readSessionPolicy())).lifetimeMs) } },
  });
  return count;
}

function expiryOf(session: UserSession, now: Date, policy: SessionPolicy): SessionExpiry | null {
  if (now.getTime() - session.createdAt.getTime() >= policy.lifetimeMs) return "lifetime";
  if (now.getTime() - session.lastSeenAt.getTime() >= policy.idleMs) return "idle";
  return null;
}

/**
 * The user behind a live session, for one request: null when the session is unknown, belongs to
 * someone else, was revoked or has expired (ending it, audited, the first time that is seen).
 * Marks the session seen at most once per LAST_SEEN_INTERVAL_MS.
 */
export async function resumeUserSession(
  sessionId: string,
  userId: string,
  context: RequestContext,
  now = new Date(),
  policy?: SessionPolicy,
): Promise<User | null> {
  const session = await db.userSession.findUnique({ where: { id: sessionId }, include: { user: true } });
  if (!session || session.userId !== userId || session.revokedAt) return null;
  const expiry = expiryOf(session, now, policy ?? (await readSessionPolicy()));
  if (expiry) {
    await endUserSession(session, expiry, context, now);
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_INTERVAL_MS) {
    await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { lastSeenAt: now } });
  }
  return session.user;
}

/** Sign-out of the session whose cookie was presented. False when it had already ended. */
export async function signOutUserSession(
  sessionId: string,
  context: RequestContext,
  now = new Date(),
  policy?: SessionPolicy,
): Promise<boolean> {
  const session = await db.userSession.findUnique({ where: { id: sessionId }, include: { user: true } });
  if (!session || session.revokedAt) return false;
  // Signing out of a session that had already expired records the expiry, which came first.
  const expiry = expiryOf(session, now, policy ?? (await readSessionPolicy()));
  return endUserSession(session, expiry ?? "signed_out", context, now);
}

/**
 * Ends a live session once: concurrent requests may all see it expire, but only the one whose
 * update ends it records the audit event, in the same transaction.
 */
async function endUserSession(
  session: UserSession & { user: User },
  reason: "signed_out" | SessionExpiry,
  context: RequestContext,
  now: Date,
): Promise<boolean> {
  const { user } = session;
  return db.$transaction(async (tx) => {
    const { count } = await tx.userSession.updateMany({
      where: { id: session.id, revokedAt: null },
      data: { revokedAt: now, endReason: reason },
    });
    if (count === 0) return false;
    const actor = { id: user.id, email: user.email, role: user.role, ...context };
    const target = { type: "user", id: user.id, name: user.email };
    await recordAuditEvent(
      tx,
      reason === "signed_out"
        ? { actor, action: "auth.sign_out", target }
        : {
            actor,
            action: "auth.session_expired",
            target,
            details: { reason, lastSeenAt: session.lastSeenAt.toISOString() },
          },
    );
    return true;
  });
}

/**
 * Inside the transaction that changes a user's password, or refuses their single sign-on (the
 * IdP no longer maps them to a role): every open session of theirs ends.
 */
export async function revokeUserSessions(
  tx: Tx,
  userId: string,
  reason: "password_changed" | "idp_refused",
  now = new Date(),
): Promise<number> {
  const { count } = await tx.userSession.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: now, endReason: reason },
  });
  return count;
}
