/**
 * A connection's lifecycle beyond editing: duplicate it into a new draft, disable or enable it,
 * delete it. Each in one transaction with its audit event.
 */
import { prisma as db, type Tx } from "@/lib/db/prisma";
import { ApplicationError } from "@/lib/errors/application-error";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { duplicatedColumnsOf } from "@/lib/connections/connection-record";
import { connectionNameKey } from "@/lib/connections/name-key";
import {
  loadConnection,
  savedFrom,
  TARGET,
  updateAtVersion,
  type SavedConnection,
} from "@/lib/connections/connection-writes";
import { NAME_MAX } from "@/lib/schemas/connection-values";
import { stepIndex } from "@/lib/schemas/connection";

function copyName(base: string, attempt: number): string {
  const suffix = attempt === 1 ? " (copy)" : ` (copy ${attempt})`;
  return base.slice(0, NAME_MAX - suffix.length).trimEnd() + suffix;
}

/**
 * Copies every setting except the client secret into a new draft: a copy usually points at
 * another tenant or environment, and a secret should exist in one place only.
 */
export async function duplicateConnection(
  actor: AuditActor,
  connectionId: string,
): Promise<SavedConnection & { name: string }> {
  return db.$transaction(async (tx) => {
    const source = await loadConnection(tx, connectionId);
    let name = copyName(source.name, 1);
    for (
      let attempt = 2;
      await tx.connection.findFirst({
        where: { OR: [{ name }, { nameKey: connectionNameKey(name) }] },
        select: { id: true },
      });
      attempt++
    ) {
      name = copyName(source.name, attempt);
    }
    const row = await tx.connection.create({
      data: {
        ...duplicatedColumnsOf(source),
        name,
        nameKey: connectionNameKey(name),
        status: "DRAFT",
        // Every step but the client secret is filled in: the copy opens at the Client step.
        draftStep: stepIndex("client"),
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

export async function setConnectionEnabled(
  actor: AuditActor,
  connectionId: string,
  enabled: boolean,
): Promise<SavedConnection> {
  return db.$transaction((tx) => setConnectionEnabledIn(tx, actor, connectionId, enabled));
}

/** setConnectionEnabled inside the caller's transaction (an import applies many changes in one). */
export async function setConnectionEnabledIn(
  tx: Tx,
  actor: AuditActor,
  connectionId: string,
  enabled: boolean,
  tag: { importChecksum?: string } = {},
): Promise<SavedConnection> {
  const current = await loadConnection(tx, connectionId);
  if (current.enabled === enabled) return savedFrom(current);
  const row = await updateAtVersion(tx, current, current.version, { enabled, updatedById: actor.id });
  await recordAuditEvent(tx, {
    actor,
    action: enabled ? "connection.enabled" : "connection.disabled",
    target: TARGET(row),
    details: { diff: { enabled: { from: current.enabled, to: enabled } }, ...tag },
  });
  return savedFrom(row);
}

/** Deletes a connection with its tokens, test runs and pending authorizations (cascade). */
export async function deleteConnection(
  actor: AuditActor,
  request: { connectionId: string; confirmName: string },
): Promise<void> {
  await db.$transaction((tx) => deleteConnectionIn(tx, actor, request));
}

/** deleteConnection inside the caller's transaction (an import applies many changes in one). */
export async function deleteConnectionIn(
  tx: Tx,
  actor: AuditActor,
  request: { connectionId: string; confirmName: string },
  tag: { importChecksum?: string } = {},
): Promise<void> {
  const current = await loadConnection(tx, request.connectionId);
  if (request.confirmName.trim() !== current.name) {
    throw new ApplicationError(
      `Type the connection name exactly (${current.name}) to delete it.`,
      "rule",
      "confirmName",
    );
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
    details: {
      status: current.status,
      grantType: current.grantType,
      providerType: current.providerType,
      removed: { authorizedAccounts, testRuns },
      ...tag,
    },
  });
}
