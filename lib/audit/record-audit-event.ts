/**
 * Appends one event to the audit chain inside the caller's transaction, so a change and its
 * event commit or roll back together. The app has no path that edits or deletes events
 * except retention pruning (lib/audit/prune-audit-events.ts), which is itself an event.
 */
import { getConfig } from "@/lib/config/env";
import { currentDatabaseKind } from "@/lib/config/database-url";
import type { Tx } from "@/lib/db/prisma";
// Appends are plain SQL (lib/db/raw-sql.ts): every change the console makes records one, and a
// Prisma model query costs several times the work it does.
import { dateOf, runRawTransaction, sql, sqlRunnerFor, type SqlRunner } from "@/lib/db/raw-sql";
import { checkAuditDetails, type AuditAction, type AuditDetails } from "@/lib/audit/audit-events";
import { computeEventHash, GENESIS_HASH } from "@/lib/audit/chain";
import { redactForAudit } from "@/lib/audit/redact";
import { advanceHeadMark } from "@/lib/audit/head-mark";
import { transactionLockStatement } from "@/lib/db/postgres-session";

export type AuditActor = {
  id: string | null;
  email: string | null;
  role: string | null;
  ip: string | null;
  userAgent: string | null;
};

export const SYSTEM_ACTOR: AuditActor = { id: null, email: "system", role: "SYSTEM", ip: null, userAgent: null };
/** The background job that tests connections on their schedule (#24). */
export const SCHEDULED_CHECK_ACTOR: AuditActor = { ...SYSTEM_ACTOR, email: "scheduled check" };

/** Details may be left out only for a kind whose schema takes none. */
type DetailsOf<A extends AuditAction> =
  Record<string, never> extends AuditDetails<A> ? { details?: AuditDetails<A> } : { details: AuditDetails<A> };

/**
 * One event of kind A; its details must match the schema declared for A (lib/audit/audit-events.ts).
 * Without A it is the union over every kind, so a list of events is checked event by event.
 */
export type AuditEventInput<A extends AuditAction = AuditAction> = A extends AuditAction
  ? {
      actor: AuditActor;
      action: A;
      target?: { type: string; id: string; name?: string | null };
      connectionId?: string | null;
    } & DetailsOf<A>
  : never;

export type ChainHead = { seq: number; hash: string; createdAt: Date };

export const CHAIN_HEAD_SELECT = { seq: true, hash: true, createdAt: true } as const;

/**
 * Makes appends take turns. SQLite has one writer at a time already. On PostgreSQL two replicas
 * would otherwise read the same head: one append would then fail on the seq primary key and roll
 * back the change it records. The lock lasts until the transaction ends, and in READ COMMITTED the
 * head read after it sees the append committed just before. Its wait is bounded by the session's
 * lock_timeout (lib/db/postgres-session.ts): a holder that never lets go makes the write fail as
 * "database busy" instead of hanging it.
 */
export async function lockAuditChain(tx: Tx | SqlRunner): Promise<void> {
  if (currentDatabaseKind() === "postgresql") await sqlRunnerFor(tx).execute(transactionLockStatement("audit-chain"));
}

async function readChainHead(runner: SqlRunner): Promise<ChainHead | null> {
  const [row] = await runner.query<{ seq: unknown; hash: string; createdAt: unknown }>(
    sql`SELECT "seq", "hash", "createdAt" FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1`,
  );
  return row ? { seq: Number(row.seq), hash: row.hash, createdAt: dateOf(row.createdAt) } : null;
}

export async function recordAuditEvent<A extends AuditAction>(
  tx: Tx | SqlRunner,
  input: AuditEventInput<A>,
): Promise<ChainHead> {
  return recordAuditEvents(tx, [input as AuditEventInput]);
}

/** Appends several events in order after the current head; returns the last one. */
export async function recordAuditEvents(tx: Tx | SqlRunner, inputs: AuditEventInput[]): Promise<ChainHead> {
  const runner = sqlRunnerFor(tx);
  await lockAuditChain(runner);
  return appendAuditEvents(runner, inputs, await readChainHead(runner));
}

/**
 * Appends after a known chain head. Retention pruning uses it directly: once it has deleted every
 * stored event the head is known only from before the deletion.
 */
export async function appendAuditEvent<A extends AuditAction>(
  tx: Tx | SqlRunner,
  input: AuditEventInput<A>,
  head: ChainHead | null,
): Promise<ChainHead> {
  return appendAuditEvents(sqlRunnerFor(tx), [input as AuditEventInput], head);
}

async function appendAuditEvents(
  runner: SqlRunner,
  inputs: AuditEventInput[],
  head: ChainHead | null,
): Promise<ChainHead> {
  if (inputs.length === 0) throw new Error("appendAuditEvents needs at least one event");
  // Checked before anything is written: a refused event leaves the chain and its head mark as they were.
  for (const input of inputs) checkAuditDetails(input.action, input.details);
  const key = getConfig().auditKey;
  let last = head;
  let previous = head;
  for (const input of inputs) {
    previous = last;
    last = await insertAuditEvent(runner, key, input, last);
  }
  // One head mark for the batch: it names the last event and the one before it.
  await advanceHeadMark(runner, head, previous, last!);
  return last!;
}

async function insertAuditEvent(
  runner: SqlRunner,
  key: Buffer,
  input: AuditEventInput,
  head: ChainHead | null,
): Promise<ChainHead> {
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  // Event times never go backwards, even if the wall clock does: a date range is then a seq range
  // (lib/audit/list-audit-events.ts), which keeps date filters fast on a large trail.
  const now = new Date();
  const createdAt = head && head.createdAt > now ? head.createdAt : now;
  const c = {
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
  const hash = computeEventHash(key, prevHash, c);
  await runner.execute(sql`INSERT INTO "AuditEvent" ("seq", "createdAt", "actorId", "actorEmail", "actorRole", "ip", "userAgent", "action",
    "targetType", "targetId", "targetName", "connectionId", "details", "prevHash", "hash")
    VALUES (${c.seq}, ${c.createdAt}, ${c.actorId}, ${c.actorEmail}, ${c.actorRole}, ${c.ip}, ${c.userAgent}, ${c.action},
    ${c.targetType}, ${c.targetId}, ${c.targetName}, ${c.connectionId}, ${c.details}, ${prevHash}, ${hash})`);
  return { seq, hash, createdAt };
}

/** Records a standalone event (no other change with it) in its own transaction. */
export async function recordStandaloneAuditEvent<A extends AuditAction>(input: AuditEventInput<A>): Promise<ChainHead> {
  return runRawTransaction((runner) => recordAuditEvent(runner, input));
}
