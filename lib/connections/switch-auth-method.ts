/**
 * The diagnosis's one-click switch between client_secret_basic and client_secret_post: offered
 * when a refused client authentication names the other method as what to try and no probe has
 * already tried it (code flows cannot replay their code, so they are not probed), applied as an
 * audited update of that one setting at the version the page showed.
 */
import { prisma as db } from "@/lib/db/prisma";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { diffFields } from "@/lib/audit/diff";
import { auditSnapshotOf } from "@/lib/connections/connection-record";
import { AUDIT_OPTIONS, ConnectionNotFoundError, ConnectionRuleError, TARGET, conflictFor, updateAtVersion } from "@/lib/connections/manage-connections";
import type { Diagnosis } from "@/lib/oauth/diagnose-error";

export const SWITCHABLE_AUTH_METHODS = ["client_secret_basic", "client_secret_post"] as const;
export type SwitchableAuthMethod = (typeof SWITCHABLE_AUTH_METHODS)[number];

/** The method to offer switching to, or null when the diagnosis does not point there. */
export function authMethodSwitchFor(diagnosis: Pick<Diagnosis, "code" | "details" | "probes" | "suggestion"> | null, currentMethod: string): SwitchableAuthMethod | null {
  if (!diagnosis || diagnosis.code !== "invalid_client" || diagnosis.suggestion || diagnosis.probes?.length) return null;
  const other = SWITCHABLE_AUTH_METHODS.find((m) => m !== currentMethod);
  if (!other || !(SWITCHABLE_AUTH_METHODS as readonly string[]).includes(currentMethod)) return null;
  return diagnosis.details?.try === other ? other : null;
}

export async function switchClientAuthMethod(
  actor: AuditActor,
  request: { connectionId: string; version: number; method: SwitchableAuthMethod },
): Promise<{ version: number; changed: boolean }> {
  return db.$transaction(async (tx) => {
    const current = await tx.connection.findUnique({ where: { id: request.connectionId } });
    if (!current) throw new ConnectionNotFoundError();
    if (current.status === "DRAFT") throw new ConnectionRuleError("This connection is a draft; finish it in the wizard.");
    if (current.version !== request.version) throw await conflictFor(tx, current.id);
    if (current.clientAuthMethod === request.method) return { version: current.version, changed: false };
    const row = await updateAtVersion(tx, current, request.version, { clientAuthMethod: request.method, updatedById: actor.id });
    const diff = diffFields(auditSnapshotOf(current), auditSnapshotOf(row), AUDIT_OPTIONS);
    await recordAuditEvent(tx, { actor, action: "connection.updated", target: TARGET(row), details: { diff, fix: "switch_client_auth_method" } });
    return { version: row.version, changed: true };
  });
}
