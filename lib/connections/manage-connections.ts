/**
 * Every change to a connection, each in one transaction with its audit event. Client secrets are
 * sealed with the row id and field name as associated data, so they are written after the row
 * exists, inside the same transaction. Updates name the version they read (optimistic
 * concurrency): a stale version is refused with ConnectionConflictError, never overwritten.
 */
import { Prisma, type Connection, type PrismaClient } from "@/lib/db/generated/client";
import { prisma as db } from "@/lib/db/prisma";
import type { Tx } from "@/lib/db/prisma";
import { ApplicationError } from "@/lib/actions/application-error";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { diffFields } from "@/lib/audit/diff";
import { encryptSecret, secretHint } from "@/lib/crypto/secret-box";
import { auditSnapshotOf, connectionColumnsFrom, duplicatedColumnsOf, SECRET_AUDIT_FIELDS } from "@/lib/connections/connection-record";
import { CONNECTION_FIELDS } from "@/lib/connections/connection-fields";
import { connectionNameKey } from "@/lib/connections/name-key";
import { secretBindingChange, secretOriginFor, type BindingFields } from "@/lib/connections/secret-binding";
import type { ConnectionDraftInput, ConnectionInput } from "@/lib/schemas/connection";
import { NAME_MAX } from "@/lib/schemas/connection-values";

export class ConnectionNotFoundError extends ApplicationError {
  constructor() {
    super("This connection no longer exists. Someone may have deleted it.", "not_found");
  }
}

/** Someone else saved the connection after it was read. */
export class ConnectionConflictError extends ApplicationError {
  constructor(
    readonly current: { version: number; updatedAt: Date; updatedBy: string | null },
  ) {
    super(
      `${current.updatedBy ?? "Someone"} changed this connection at ${current.updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC. Review their changes; your edits are kept.`,
      "conflict",
    );
  }
}

export const AUDIT_OPTIONS = { secretFields: SECRET_AUDIT_FIELDS };
export const TARGET = (row: Pick<Connection, "id" | "name">) => ({ type: "connection", id: row.id, name: row.name });

/** What to do with the stored secret. */
type SecretChange = { kind: "keep" } | { kind: "set"; value: string } | { kind: "clear" };

function secretChangeFor(input: ConnectionDraftInput): SecretChange {
  if (input.clientAuthMethod === "none") return { kind: "clear" };
  if (input.clientSecret) return { kind: "set", value: input.clientSecret };
  return { kind: "keep" };
}

/**
 * `next` is the row as it will be after the save: a new secret is bound to its token endpoint's
 * origin, and a kept one is dropped when that origin or the issuer changed (lib/connections/secret-binding.ts).
 */
function secretColumns(connectionId: string, change: SecretChange, current: Connection | null, next: BindingFields) {
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
function secretRequiredMessage(current: Connection, next: BindingFields): string {
  return (current.clientSecretEncrypted && secretBindingChange(current, next)) || "Enter the client secret.";
}

function rowAfter(current: Connection | null, input: ConnectionDraftInput): BindingFields {
  return { ...current, ...connectionColumnsFrom(input) } as BindingFields;
}

function discoveryColumns(input: ConnectionDraftInput, current: Connection | null) {
  if (input.discoveryMetadata === undefined) return {};
  const next = input.discoveryMetadata ? JSON.stringify(input.discoveryMetadata) : null;
  if (next === (current?.discoveryMetadata ?? null)) return {};
  return { discoveredAt: next ? new Date() : null };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

async function assertNameFree(tx: Tx, name: string | undefined, exceptId?: string) {
  if (name === undefined) return;
  // Case-insensitive: "Salesforce" and "salesforce" would be two connections no one can tell apart.
  const taken = await tx.connection.findFirst({
    where: { OR: [{ name }, { nameKey: connectionNameKey(name) }], ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken) throw new ApplicationError(`A connection named “${name}” already exists. Choose another name.`, "rule", "name");
}

async function withNameGuard<T>(work: () => Promise<T>, name: string | undefined): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // Two saves racing for one name: the unique index decides, the loser gets the field message.
    if (isUniqueViolation(error)) throw new ApplicationError(`A connection named “${name ?? ""}” already exists. Choose another name.`, "rule", "name");
    throw error;
  }
}

/**
 * Updates a row only if it still has the version the caller read, bumping the version.
 * Throws ConnectionConflictError when someone saved in between.
 */
export async function updateAtVersion(tx: Tx, current: Connection, version: number, data: Record<string, unknown>): Promise<Connection> {
  const { count } = await tx.connection.updateMany({ where: { id: current.id, version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw await conflictFor(tx, current.id);
  return tx.connection.findUniqueOrThrow({ where: { id: current.id } });
}

export async function conflictFor(db: Tx | PrismaClient, connectionId: string): Promise<Error> {
  const latest = await db.connection.findUnique({
    where: { id: connectionId },
    select: { version: true, updatedAt: true, updatedBy: { select: { email: true } } },
  });
  if (!latest) return new ConnectionNotFoundError();
  return new ConnectionConflictError({ version: latest.version, updatedAt: latest.updatedAt, updatedBy: latest.updatedBy?.email ?? null });
}

async function loadConnection(tx: Tx, connectionId: string): Promise<Connection> {
  const row = await tx.connection.findUnique({ where: { id: connectionId } });
  if (!row) throw new ConnectionNotFoundError();
  return row;
}

export type SavedConnection = { id: string; version: number; clientSecretLast4: string | null; hasClientSecret: boolean };

function savedFrom(row: Connection): SavedConnection {
  return {
    id: row.id,
    version: row.version,
    clientSecretLast4: row.clientSecretEncrypted ? row.clientSecretLast4 : null,
    hasClientSecret: Boolean(row.clientSecretEncrypted),
  };
}

/**
 * Saves the wizard's validated steps on a draft (creating it on the first step), so a reload or
 * another visit resumes where the admin left. `reachedStep` is the step index to resume at.
 */
export async function saveConnectionDraft(
  actor: AuditActor,
  request: { draftId?: string; version?: number; reachedStep: number; input: ConnectionDraftInput },
): Promise<SavedConnection> {
  const { input } = request;
  const change = secretChangeFor(input);
  return withNameGuard(
    () =>
      db.$transaction(async (tx) => {
        if (!request.draftId) {
          if (!input.name) throw new ApplicationError("Enter a connection name.", "rule", "name");
          await assertNameFree(tx, input.name);
          const created = await tx.connection.create({
            data: {
              ...connectionColumnsFrom(input),
              ...discoveryColumns(input, null),
              name: input.name,
              status: "DRAFT",
              draftStep: request.reachedStep,
              createdById: actor.id,
              updatedById: actor.id,
            },
          });
          const secret = secretColumns(created.id, change, null, created);
          const row = Object.keys(secret).length ? await tx.connection.update({ where: { id: created.id }, data: secret }) : created;
          await recordAuditEvent(tx, {
            actor,
            action: "connection.created",
            target: TARGET(row),
            details: { status: "DRAFT", diff: diffFields({}, auditSnapshotOf(row), AUDIT_OPTIONS) },
          });
          return savedFrom(row);
        }

        const current = await loadConnection(tx, request.draftId);
        if (current.status !== "DRAFT") {
          throw new ApplicationError("This connection is no longer a draft: it was saved in another window. Open it from the list.");
        }
        if (request.version === undefined) throw await conflictFor(tx, current.id);
        await assertNameFree(tx, input.name, current.id);
        const row = await updateAtVersion(tx, current, request.version, {
          ...connectionColumnsFrom(input),
          ...discoveryColumns(input, current),
          ...secretColumns(current.id, change, current, rowAfter(current, input)),
          draftStep: Math.max(current.draftStep, request.reachedStep),
          updatedById: actor.id,
        });
        // A wizard's Next saves the draft step by step; the trail records the draft once when it is
        // created and its whole configuration once when it is activated (or its deletion), not
        // one event per step.
        return savedFrom(row);
      }),
    input.name,
  );
}

/** Turns a complete draft into an active connection (the wizard's Save). */
export async function activateConnection(
  actor: AuditActor,
  request: { connectionId: string; version: number; input: ConnectionInput },
): Promise<SavedConnection> {
  const { input } = request;
  return withNameGuard(
    () =>
      db.$transaction(async (tx) => {
        const current = await loadConnection(tx, request.connectionId);
        if (current.status !== "DRAFT") throw new ApplicationError("This connection was already saved, in another window.");
        await assertNameFree(tx, input.name, current.id);
        const row = await updateAtVersion(tx, current, request.version, {
          ...connectionColumnsFrom(input),
          ...discoveryColumns(input, current),
          ...secretColumns(current.id, secretChangeFor(input), current, rowAfter(current, input)),
          status: "ACTIVE",
          health: "NOT_TESTED",
          updatedById: actor.id,
        });
        if (input.clientAuthMethod !== "none" && !row.clientSecretEncrypted) {
          throw new ApplicationError(secretRequiredMessage(current, row), "rule", "clientSecret");
        }
        await recordAuditEvent(tx, {
          actor,
          action: "connection.updated",
          target: TARGET(row),
          // Draft steps are not recorded one by one, so the activation lists every setting it saved.
          details: { activated: true, diff: diffFields({ status: current.status }, auditSnapshotOf(row), AUDIT_OPTIONS) },
        });
        return savedFrom(row);
      }),
    input.name,
  );
}

/** Saves the edit form of an active connection. Returns `changed: false` when nothing differed. */
export async function updateConnection(
  actor: AuditActor,
  request: { connectionId: string; version: number; input: ConnectionInput },
): Promise<SavedConnection & { changed: boolean }> {
  const { input } = request;
  return withNameGuard(
    () =>
      db.$transaction(async (tx) => {
        const current = await loadConnection(tx, request.connectionId);
        if (current.status === "DRAFT") throw new ApplicationError("This connection is a draft; finish it in the wizard.");
        if (current.version !== request.version) throw await conflictFor(tx, current.id);
        await assertNameFree(tx, input.name, current.id);
        const change = secretChangeFor(input);
        const columns = {
          ...connectionColumnsFrom(input),
          ...discoveryColumns(input, current),
          ...secretColumns(current.id, change, current, rowAfter(current, input)),
        };
        const preview = { ...current, ...columns } as Connection;
        const diff = diffFields(auditSnapshotOf(current), auditSnapshotOf(preview), AUDIT_OPTIONS);
        if (Object.keys(diff).length === 0) return { ...savedFrom(current), changed: false };
        const row = await updateAtVersion(tx, current, request.version, { ...columns, updatedById: actor.id });
        if (row.clientAuthMethod !== "none" && !row.clientSecretEncrypted) {
          throw new ApplicationError(secretRequiredMessage(current, row), "rule", "clientSecret");
        }
        await recordAuditEvent(tx, { actor, action: "connection.updated", target: TARGET(row), details: { diff } });
        return { ...savedFrom(row), changed: true };
      }),
    input.name,
  );
}

/**
 * One-click fix from the discovery lint: adds exactly one scope to an active connection, audited
 * as an update whose diff names only the scopes. Refused as a conflict if the page was stale.
 */
export async function addConnectionScope(
  actor: AuditActor,
  request: { connectionId: string; version: number; scope: string },
): Promise<SavedConnection & { changed: boolean }> {
  return db.$transaction(async (tx) => {
    const current = await loadConnection(tx, request.connectionId);
    if (current.status === "DRAFT") throw new ApplicationError("This connection is a draft; finish it in the wizard.");
    if (current.version !== request.version) throw await conflictFor(tx, current.id);
    const scopes = CONNECTION_FIELDS.scopes.codec.read(current);
    if (scopes.includes(request.scope)) return { ...savedFrom(current), changed: false };
    const row = await updateAtVersion(tx, current, request.version, { ...connectionColumnsFrom({ scopes: [...scopes, request.scope] }), updatedById: actor.id });
    const diff = diffFields(auditSnapshotOf(current), auditSnapshotOf(row), AUDIT_OPTIONS);
    await recordAuditEvent(tx, { actor, action: "connection.updated", target: TARGET(row), details: { diff, fix: "add_scope" } });
    return { ...savedFrom(row), changed: true };
  });
}

/** Replaces the client secret. The new value is only ever seen by this function and the secret box. */
export async function rotateClientSecret(
  actor: AuditActor,
  request: { connectionId: string; secret: string },
): Promise<SavedConnection> {
  return db.$transaction(async (tx) => {
    const current = await loadConnection(tx, request.connectionId);
    if (current.clientAuthMethod === "none") {
      throw new ApplicationError("This is a public client (authentication none); it has no secret to rotate.", "rule", "secret");
    }
    const row = await updateAtVersion(tx, current, current.version, {
      ...secretColumns(current.id, { kind: "set", value: request.secret }, current, current),
      updatedById: actor.id,
    });
    await recordAuditEvent(tx, {
      actor,
      action: "connection.secret_rotated",
      target: TARGET(row),
      details: { diff: diffFields(auditSnapshotOf(current), auditSnapshotOf(row), AUDIT_OPTIONS) },
    });
    return savedFrom(row);
  });
}

function copyName(base: string, attempt: number): string {
  const suffix = attempt === 1 ? " (copy)" : ` (copy ${attempt})`;
  return base.slice(0, NAME_MAX - suffix.length).trimEnd() + suffix;
}

/**
 * Copies every setting except the client secret into a new draft: a copy usually points at
 * another tenant or environment, and a secret should exist in one place only.
 */
export async function duplicateConnection(actor: AuditActor, connectionId: string): Promise<SavedConnection & { name: string }> {
  return db.$transaction(async (tx) => {
    const source = await loadConnection(tx, connectionId);
    let name = copyName(source.name, 1);
    for (let attempt = 2; await tx.connection.findFirst({ where: { OR: [{ name }, { nameKey: connectionNameKey(name) }] }, select: { id: true } }); attempt++) {
      name = copyName(source.name, attempt);
    }
    const row = await tx.connection.create({
      data: {
        ...duplicatedColumnsOf(source),
        name,
        nameKey: connectionNameKey(name),
        status: "DRAFT",
        draftStep: 0,
        createdById: actor.id,
        updatedById: actor.id,
      },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "connection.duplicated",
      target: TARGET(row),
      details: { source: { id: source.id, name: source.name }, secretCopied: false },
    });
    return { ...savedFrom(row), name };
  });
}

export async function setConnectionEnabled(actor: AuditActor, connectionId: string, enabled: boolean): Promise<SavedConnection> {
  return db.$transaction(async (tx) => {
    const current = await loadConnection(tx, connectionId);
    if (current.enabled === enabled) return savedFrom(current);
    const row = await updateAtVersion(tx, current, current.version, { enabled, updatedById: actor.id });
    await recordAuditEvent(tx, {
      actor,
      action: enabled ? "connection.enabled" : "connection.disabled",
      target: TARGET(row),
      details: { diff: { enabled: { from: current.enabled, to: enabled } } },
    });
    return savedFrom(row);
  });
}

/** Deletes a connection with its tokens, test runs and pending authorizations (cascade). */
export async function deleteConnection(actor: AuditActor, request: { connectionId: string; confirmName: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await loadConnection(tx, request.connectionId);
    if (request.confirmName.trim() !== current.name) {
      throw new ApplicationError(`Type the connection name exactly (${current.name}) to delete it.`, "rule", "confirmName");
    }
    const [authorizedAccounts, testRuns] = await Promise.all([
      tx.tokenSet.count({ where: { connectionId: current.id } }),
      tx.testRun.count({ where: { connectionId: current.id } }),
    ]);
    await tx.connection.delete({ where: { id: current.id } });
    await recordAuditEvent(tx, {
      actor,
      action: "connection.deleted",
      target: TARGET(current),
      details: { status: current.status, grantType: current.grantType, providerType: current.providerType, removed: { authorizedAccounts, testRuns } },
    });
  });
}
