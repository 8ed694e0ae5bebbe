/**
 * Changing what a key may do, audited with the permissions before and after in the same
 * transaction. A revoked key keeps its permissions: it is refused anyway, and its history stays true.
 */
import { prisma as db } from "@/lib/db/prisma";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { formatPermissions, parsePermissions, type ApiPermission } from "@/lib/api-keys/permissions";
import { ApplicationError } from "@/lib/errors/application-error";

export async function changeApiKeyPermissions(
  actor: AuditActor,
  input: { apiKeyId: string; permissions: ApiPermission[] },
): Promise<{ changed: boolean }> {
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({
      where: { id: input.apiKeyId },
      select: { name: true, displayPrefix: true, permissions: true, revokedAt: true },
    });
    if (!key) throw new ApplicationError("This key no longer exists.", "not_found");
    if (key.revokedAt) throw new ApplicationError("This key is revoked: create a new key instead.");
    const from = parsePermissions(key.permissions);
    const stored = formatPermissions(input.permissions);
    if (stored === formatPermissions(from)) return { changed: false };
    await tx.apiKey.update({ where: { id: input.apiKeyId }, data: { permissions: stored } });
    await recordAuditEvent(tx, {
      actor,
      action: "api_key.permissions_changed",
      target: { type: "api_key", id: input.apiKeyId, name: key.name },
      details: { prefix: key.displayPrefix, from, to: parsePermissions(stored) },
    });
    return { changed: true };
  });
}
