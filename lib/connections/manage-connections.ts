/**
 * Saving a connection's settings: the wizard's draft steps and activation, the edit form, the
 * one-click scope fix and a secret rotation, each in one transaction with its audit event. Client
 * secrets are sealed with the row id and field name as associated data, so they are written after
 * the row exists, inside the same transaction. Updates name the version they read
 * (lib/connections/connection-writes.ts). Duplicate, disable and delete: connection-lifecycle.ts.
 */
import type { Connection } from "@/lib/db/generated/client";
import { ensureDpopKey } from "@/lib/connections/connection-dpop-key";
import { prisma as db, type Tx } from "@/lib/db/prisma";
import { ApplicationError } from "@/lib/errors/application-error";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { diffFields } from "@/lib/audit/diff";
import { auditSnapshotOf, connectionColumnsFrom } from "@/lib/connections/connection-record";
import { CONNECTION_FIELDS } from "@/lib/connections/connection-fields";
import type { BindingFields } from "@/lib/connections/secret-binding";
import {
  assertNameFree,
  AUDIT_OPTIONS,
  conflictFor,
  editActiveConnection,
  loadActiveAtVersion,
  loadConnection,
  savedFrom,
  secretColumns,
  secretRequiredMessage,
  TARGET,
  tokenSetsMoved,
  updateAtVersion,
  withNameGuard,
  writeAuditedEdit,
  type SavedConnection,
  type SecretChange,
} from "@/lib/connections/connection-writes";
import type { ConnectionDraftInput, ConnectionInput } from "@/lib/schemas/connection";
import { countTokenSets } from "@/lib/tokens/token-store";
import { credentialNeedOf, isClientAuthMethod, needsClientSecret } from "@/lib/oauth/client-auth/client-auth-methods";

function secretChangeFor(input: ConnectionDraftInput): SecretChange {
  if (input.clientAuthMethod !== undefined && !needsClientSecret(input.clientAuthMethod)) return { kind: "clear" };
  if (input.clientSecret) return { kind: "set", value: input.clientSecret };
  return { kind: "keep" };
}

/** A confidential client is saved only with its credential: the secret, or the private key. */
function assertCredentialStored(current: Connection, row: Connection) {
  if (needsClientSecret(row.clientAuthMethod) && !row.clientSecretEncrypted)
    throw new ApplicationError(secretRequiredMessage(current, row), "rule", "clientSecret");
  if (
    isClientAuthMethod(row.clientAuthMethod) &&
    credentialNeedOf(row.clientAuthMethod) === "key" &&
    !row.privateKeyEncrypted
  )
    throw new ApplicationError("Generate a key pair or import a private key first.", "rule", "clientAuthMethod");
  if (
    isClientAuthMethod(row.clientAuthMethod) &&
    credentialNeedOf(row.clientAuthMethod) === "certificate" &&
    !row.clientCertificateKeyEncrypted
  )
    throw new ApplicationError(
      "Generate a certificate or upload a certificate and its key first.",
      "rule",
      "clientAuthMethod",
    );
}

function rowAfter(current: Connection | null, input: ConnectionDraftInput): BindingFields {
  return { ...current, ...connectionColumnsFrom(input) } as BindingFields;
}

/** The columns a save of `input` over a stored row writes: its settings, discovery and secret change. */
function savedColumns(current: Connection, input: ConnectionDraftInput, change = secretChangeFor(input)) {
  return {
    ...connectionColumnsFrom(input),
    ...discoveryColumns(input, current),
    ...secretColumns(current.id, change, current, rowAfter(current, input)),
  };
}

/** A save an import also runs inside its own transaction, with its tag (lib/connections-file/). */
type ConnectionSave<R, S = SavedConnection> = (tx: Tx, actor: AuditActor, request: R, tag?: ImportTag) => Promise<S>;

/** The save in a transaction of its own; a name another save took meanwhile becomes the name field's error. */
function inNameGuardedTransaction<R extends { input: { name?: string } }, S>(save: ConnectionSave<R, S>) {
  return (actor: AuditActor, request: R): Promise<S> =>
    withNameGuard(() => db.$transaction((tx) => save(tx, actor, request)), request.input.name);
}

function discoveryColumns(input: ConnectionDraftInput, current: Connection | null) {
  if (input.discoveryMetadata === undefined) return {};
  const next = input.discoveryMetadata ? JSON.stringify(input.discoveryMetadata) : null;
  if (next === (current?.discoveryMetadata ?? null)) return {};
  return { discoveredAt: next ? new Date() : null };
}

/** What an import adds to the audit details of each change it makes (lib/connections-file/). */
export type ImportTag = { importChecksum?: string };

type DraftRequest = { draftId?: string; version?: number; reachedStep: number; input: ConnectionDraftInput };

/** saveConnectionDraft inside the caller's transaction (an import applies many changes in one). */
export const saveConnectionDraftIn: ConnectionSave<DraftRequest> = async (tx, actor, request, tag = {}) => {
  const { input } = request;
  const change = secretChangeFor(input);
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
    const row = await ensureDpopKey(
      tx,
      Object.keys(secret).length ? await tx.connection.update({ where: { id: created.id }, data: secret }) : created,
    );
    await recordAuditEvent(tx, {
      actor,
      action: "connection.created",
      target: TARGET(row),
      details: { status: "DRAFT", diff: diffFields({}, auditSnapshotOf(row), AUDIT_OPTIONS), ...tag },
    });
    return savedFrom(row);
  }

  const current = await loadConnection(tx, request.draftId);
  if (current.status !== "DRAFT") {
    throw new ApplicationError(
      "This connection is no longer a draft: it was saved in another window. Open it from the list.",
    );
  }
  if (request.version === undefined) throw await conflictFor(tx, current.id);
  await assertNameFree(tx, input.name, current.id);
  const row = await updateAtVersion(tx, current, request.version, {
    ...savedColumns(current, input, change),
    draftStep: Math.max(current.draftStep, request.reachedStep),
    updatedById: actor.id,
  });
  // A wizard's Next saves the draft step by step; the trail records the draft once when it is
  // created and its whole configuration once when it is activated (or its deletion), not
  // one event per step.
  return savedFrom(row);
};

/**
 * Saves the wizard's validated steps on a draft (creating it on the first step), so a reload or
 * another visit resumes where the admin left. `reachedStep` is the step index to resume at.
 */
export const saveConnectionDraft = inNameGuardedTransaction(saveConnectionDraftIn);

type SaveRequest = { connectionId: string; version: number; input: ConnectionInput };
/** A save that reports whether anything differed (nothing is written when nothing did). */
type SavedChange = SavedConnection & { changed: boolean };

export const activateConnectionIn: ConnectionSave<SaveRequest> = async (tx, actor, request, tag = {}) => {
  const { input } = request;
  const current = await loadConnection(tx, request.connectionId);
  if (current.status !== "DRAFT") throw new ApplicationError("This connection was already saved, in another window.");
  await assertNameFree(tx, input.name, current.id);
  const row = await updateAtVersion(tx, current, request.version, {
    ...savedColumns(current, input),
    status: "ACTIVE",
    health: "NOT_TESTED",
    updatedById: actor.id,
  });
  assertCredentialStored(current, row);
  await recordAuditEvent(tx, {
    actor,
    action: "connection.updated",
    target: TARGET(row),
    // Draft steps are not recorded one by one, so the activation lists every setting it saved.
    details: {
      activated: true,
      diff: diffFields({ status: current.status }, auditSnapshotOf(row), AUDIT_OPTIONS),
      ...tag,
    },
  });
  return savedFrom(row);
};

/** Turns a complete draft into an active connection (the wizard's Save). */
export const activateConnection = inNameGuardedTransaction(activateConnectionIn);

export const updateConnectionIn: ConnectionSave<SaveRequest, SavedChange> = async (tx, actor, request, tag = {}) => {
  const { input } = request;
  const current = await loadActiveAtVersion(tx, request.connectionId, request.version);
  await assertNameFree(tx, input.name, current.id);
  const columns = savedColumns(current, input);
  const preview = { ...current, ...columns } as Connection;
  const diff = diffFields(auditSnapshotOf(current), auditSnapshotOf(preview), AUDIT_OPTIONS);
  if (Object.keys(diff).length === 0) return { ...savedFrom(current), changed: false };
  const row = await updateAtVersion(tx, current, request.version, { ...columns, updatedById: actor.id });
  assertCredentialStored(current, row);
  const moved = await tokenSetsMoved(tx, current, row);
  const storedSets =
    moved && (await countTokenSets(row.id, tx)) > 0
      ? { storedSets: `${moved} Stored token sets need re-authorization.` }
      : {};
  await recordAuditEvent(tx, {
    actor,
    action: "connection.updated",
    target: TARGET(row),
    details: { diff, ...storedSets, ...tag },
  });
  return { ...savedFrom(row), changed: true };
};

/** Saves the edit form of an active connection. Returns `changed: false` when nothing differed. */
export const updateConnection = inNameGuardedTransaction(updateConnectionIn);

/**
 * One-click fix from the discovery lint: adds exactly one scope to an active connection, audited
 * as an update whose diff names only the scopes. Refused as a conflict if the page was stale.
 */
export async function addConnectionScope(
  actor: AuditActor,
  request: { connectionId: string; version: number; scope: string },
): Promise<SavedChange> {
  return editActiveConnection(request, async (tx, current) => {
    const scopes = CONNECTION_FIELDS.scopes.codec.read(current);
    if (scopes.includes(request.scope)) return { ...savedFrom(current), changed: false };
    const row = await writeAuditedEdit(tx, actor, current, {
      version: request.version,
      columns: connectionColumnsFrom({ scopes: [...scopes, request.scope] }),
      details: { fix: "add_scope" },
    });
    return { ...savedFrom(row), changed: true };
  });
}

/**
 * Replaces the client secret and its expiry date (none given: the new secret does not expire). The
 * new value is only ever seen by this function and the secret box.
 */
export async function rotateClientSecret(
  actor: AuditActor,
  request: { connectionId: string; secret: string; expiresOn?: string | null },
): Promise<SavedConnection> {
  return db.$transaction(async (tx) => {
    const current = await loadConnection(tx, request.connectionId);
    if (current.clientAuthMethod === "none") {
      throw new ApplicationError(
        "This is a public client (authentication none); it has no secret to rotate.",
        "rule",
        "secret",
      );
    }
    const row = await updateAtVersion(tx, current, current.version, {
      ...secretColumns(current.id, { kind: "set", value: request.secret }, current, current),
      ...CONNECTION_FIELDS.clientSecretExpiresOn.codec.write(request.expiresOn || null),
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
