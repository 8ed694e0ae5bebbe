/**
 * Appends one event to the audit chain inside the caller's transaction, so a change and its
 * event commit or roll back together. The app has no path that edits or deletes events
 * except retention pruning (lib/audit/prune-audit-events.ts), which is itself an event.
 */
import { getConfig } from "@/lib/config/env";
import { currentDatabaseKind } from "@/lib/config/database-url";
import { prisma, type Tx } from "@/lib/db/prisma";
import type { AuditAction } from "@/lib/audit/audit-event-kinds";
import { computeEventHash, GENESIS_HASH } from "@/lib/audit/chain";
import { redactForAudit } from "@/lib/audit/redact";
import { advanceHeadAnchor } from "@/lib/audit/head-anchor";

export type AuditActor = {
  id: string | null;
  email: string | null;
  role: string | null;
  ip: string | null;
  userAgent: string | null;
};

export const SYSTEM_ACTOR: AuditActor = { id: null, email: "system", role: "SYSTEM", ip: null, userAgent: null };

export type AuditEventInput = {
  actor: AuditActor;
  action: AuditAction;
  target?: { type: string; id: string; name?: string | null };
  connectionId?: string | null;
  details?: Record<string, unknown>;
};

export type ChainHead = { seq: number; hash: string; createdAt: Date };

export const CHAIN_HEAD_SELECT = { seq: true, hash: true, createdAt: true } as const;

// Any fixed number: the key of the transaction-level advisory lock every chain append takes.
const AUDIT_CHAIN_LOCK_KEY = 4_815_162_342;

/**
 * Makes appends take turns. SQLite has one writer at a time already. On PostgreSQL two replicas
 * would otherwise read the same head: one append would then fail on the seq primary key and roll
 * back the change it records. The lock lasts until the transaction ends, and in READ COMMITTED the
 * head read after it sees the append committed just before.
 */
export async function lockAuditChain(tx: Tx): Promise<void> {
  if (currentDatabaseKind() === "postgresql") await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY}::bigint)`;
}

export async function recordAuditEvent(tx: Tx, input: AuditEventInput): Promise<ChainHead> {
  await lockAuditChain(tx);
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: CHAIN_HEAD_SELECT });
  return appendAuditEvent(tx, input, last);
}

/**
 * Appends after a known chain head. Retention pruning uses it directly: once it has deleted every
 * stored event the head is known only from before the deletion.
 */
export async function appendAuditEvent(tx: Tx, input: AuditEventInput, head: ChainHead | null): Promise<ChainHead> {
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  // Event times never go backwards, even if the wall clock does: a date range is then a seq range
  // (lib/audit/list-audit-events.ts), which keeps date filters fast on a large trail.
  const now = new Date();
  const createdAt = head && head.createdAt > now ? head.createdAt : now;
  const content = {
    seq,
    createdAt,
    actorId: input.actor.id,
    actorEmail: input.actor.email,
    actorRole: input.actor.role,
    ip: input.actor.ip,
    userAgent: input.actor.userAgent?.slice(0, 512) ?? null,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    targetName: input.target?.name ?? null,
    connectionId: input.connectionId ?? (input.target?.type === "connection" ? input.target.id : null),
    details: JSON.stringify(redactForAudit(input.details ?? {})),
  };
  const hash = computeEventHash(getConfig().auditKey, prevHash, content);
  await tx.auditEvent.create({ data: { ...content, prevHash, hash } });
  await advanceHeadAnchor(tx, head, { seq, hash });
  return { seq, hash, createdAt };
}

/** Records a standalone event (no other change with it) in its own transaction. */
export async function recordStandaloneAuditEvent(input: AuditEventInput): Promise<ChainHead> {
  return prisma.$transaction((tx) => recordAuditEvent(tx, input));
}
