/**
 * What every change to a connection shares: its errors, the version check (optimistic
 * concurrency: a stale version is refused with ConnectionConflictError, never overwritten), the
 * name guard, the secret columns a save writes, and how a change names its audit target.
 */
import { Prisma, type Connection, type PrismaClient } from "@/lib/db/generated/client";
import { prisma, type Tx } from "@/lib/db/prisma";
import { ApplicationError } from "@/lib/errors/application-error";
import { encryptSecret, secretHint } from "@/lib/crypto/secret-box";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import type { AuditDetails } from "@/lib/audit/audit-events";
import { diffFields } from "@/lib/audit/diff";
import { auditSnapshotOf, SECRET_AUDIT_FIELDS } from "@/lib/connections/connection-record";
import { connectionNameKey } from "@/lib/connections/name-key";
import { secretBindingChange, secretOriginFor, type BindingFields } from "@/lib/connections/secret-binding";
import { tokenBindingChange, tokenBindingOf } from "@/lib/tokens/token-binding";
import { markTokenSetsForReauthorization } from "@/lib/tokens/token-store";
import { configurationForRefresh, findGoodConfiguration } from "@/lib/connections/good-configuration";
import { ensureDpopKey } from "@/lib/connections/connection-dpop-key";

export class ConnectionNotFoundError extends ApplicationError {
  constructor() {
    super("This connection no longer exists. Someone may have deleted it.", "not_found");
  }
}

/** Someone else saved the connection after it was read. */
export class ConnectionConflictError extends ApplicationError {
  constructor(readonly current: { version: number; updatedAt: Date; updatedBy: string | null }) {
    super(
      `${current.updatedBy ?? "Someone"} changed this connection at ${current.updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC. Review their changes; your edits are kept.`,
      "conflict",
    );
  }
}

export const AUDIT_OPTIONS = { secretFields: SECRET_AUDIT_FIELDS };
export const TARGET = (row: Pick<Connection, "id" | "name">) => ({ type: "connection", id: row.id, name: row.name });

/** What to do with the stored secret. */
export type SecretChange = { kind: "keep" } | { kind: "set"; value: string } | { kind: "clear" };

/**
 * `next` is the row as it will be after the save: a new secret is bound to its token endpoint's
 * origin, and a kept one is dropped when that origin or the issuer changed (lib/connections/secret-binding.ts).
 */
export function secretColumns(
  connectionId: string,
  change: SecretChange,
  current: Connection | null,
  next: BindingFields,
) {
  if (change.kind === "set") {
    return {
      clientSecretEncrypted: encryptSecret(change.value, { recordId: connectionId, field: "clientSecret" }),
      clientSecretLast4: secretHint(change.value),
      clientSecretSetAt: new Date(),
      clientSecretOrigin: secretOriginFor(next),
    };
  }
  const moved = change.kind === "keep" && current?.clientSecretEncrypted && secretBindingChange(current, next);
  if ((change.kind === "clear" || moved) && current?.clientSecretEncrypted) {
    return { clientSecretEncrypted: null, clientSecretLast4: null, clientSecretSetAt: null, clientSecretOrigin: null };
  }
  return {};
}

/** The message next to the secret field when a save leaves a confidential client without one. */
export function secretRequiredMessage(current: Connection, next: BindingFields): string {
  return (current.clientSecretEncrypted && secretBindingChange(current, next)) || "Enter the client secret.";
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function assertNameFree(tx: Tx, name: string | undefined, exceptId?: string) {
  if (name === undefined) return;
  // Case-insensitive: "Salesforce" and "salesforce" would be two connections no one can tell apart.
  const taken = await tx.connection.findFirst({
    where: { OR: [{ name }, { nameKey: connectionNameKey(name) }], ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken)
    throw new ApplicationError(`A connection named “${name}” already exists. Choose another name.`, "rule", "name");
}

export async function withNameGuard<T>(work: () => Promise<T>, name: string | undefined): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // Two saves racing for one name: the unique index decides, the loser gets the field message.
    if (isUniqueViolation(error))
      throw new ApplicationError(
        `A connection named “${name ?? ""}” already exists. Choose another name.`,
        "rule",
        "name",
      );
    throw error;
  }
}

/**
 * Updates a row only if it still has the version the caller read, bumping the version.
 * Throws ConnectionConflictError when someone saved in between. Every change goes through here,
 * so a change of what issues tokens (issuer, token endpoint origin, client ID) marks the stored
 * token sets "needs re-authorization" in the same transaction (lib/tokens/token-binding.ts).
 */
export async function updateAtVersion(
  tx: Tx,
  current: Connection,
  version: number,
  data: Record<string, unknown>,
): Promise<Connection> {
  const { count } = await tx.connection.updateMany({
    where: { id: current.id, version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) throw await conflictFor(tx, current.id);
  const row = await ensureDpopKey(tx, await tx.connection.findUniqueOrThrow({ where: { id: current.id } }));
  const moved = await tokenSetsMoved(tx, current, row);
  if (moved) await markTokenSetsForReauthorization(tx, row.id, moved);
  return row;
}

/** The active connection an edit, a fix or a revert was made on, refused when it changed since. */
export async function loadActiveAtVersion(tx: Tx, connectionId: string, version: number): Promise<Connection> {
  const current = await loadConnection(tx, connectionId);
  if (current.status === "DRAFT") throw new ApplicationError("This connection is a draft; finish it in the wizard.");
  if (current.version !== version) throw await conflictFor(tx, current.id);
  return current;
}

/** An edit of an active connection in a transaction of its own, made on the version the page read. */
export function editActiveConnection<T>(
  request: { connectionId: string; version: number },
  edit: (tx: Tx, current: Connection) => Promise<T>,
): Promise<T> {
  return prisma.$transaction(async (tx) =>
    edit(tx, await loadActiveAtVersion(tx, request.connectionId, request.version)),
  );
}

/** Writes an edit of `current` at the version read and audits it as connection.updated with its diff. */
export async function writeAuditedEdit(
  tx: Tx,
  actor: AuditActor,
  current: Connection,
  edit: {
    version: number;
    columns: Record<string, unknown>;
    details: Omit<AuditDetails<"connection.updated">, "diff">;
  },
): Promise<Connection> {
  const row = await updateAtVersion(tx, current, edit.version, { ...edit.columns, updatedById: actor.id });
  const diff = diffFields(auditSnapshotOf(current), auditSnapshotOf(row), AUDIT_OPTIONS);
  await recordAuditEvent(tx, {
    actor,
    action: "connection.updated",
    target: TARGET(row),
    details: { diff, ...edit.details },
  });
  return row;
}

/**
 * Why the stored token sets need re-authorization after this change, or null when they stay
 * usable: judged by the configuration refreshes run with, so an untested change keeps them while
 * the last good configuration serves (lib/connections/good-configuration.ts).
 */
export async function tokenSetsMoved(tx: Tx, before: Connection, after: Connection): Promise<string | null> {
  const good = await findGoodConfiguration(tx, before.id);
  return tokenBindingChange(
    tokenBindingOf(configurationForRefresh(before, good)),
    tokenBindingOf(configurationForRefresh(after, good)),
  );
}

export async function conflictFor(db: Tx | PrismaClient, connectionId: string): Promise<Error> {
  const latest = await db.connection.findUnique({
    where: { id: connectionId },
    select: { version: true, updatedAt: true, updatedBy: { select: { email: true } } },
  });
  if (!latest) return new ConnectionNotFoundError();
  return new ConnectionConflictError({
    version: latest.version,
    updatedAt: latest.updatedAt,
    updatedBy: latest.updatedBy?.email ?? null,
  });
}

export async function loadConnection(tx: Tx, connectionId: string): Promise<Connection> {
  const row = await tx.connection.findUnique({ where: { id: connectionId } });
  if (!row) throw new ConnectionNotFoundError();
  return row;
}

export type SavedConnection = {
  id: string;
  version: number;
  clientSecretLast4: string | null;
  hasClientSecret: boolean;
};

export function savedFrom(row: Connection): SavedConnection {
  return {
    id: row.id,
    version: row.version,
    clientSecretLast4: row.clientSecretEncrypted ? row.clientSecretLast4 : null,
    hasClientSecret: Boolean(row.clientSecretEncrypted),
  };
}
