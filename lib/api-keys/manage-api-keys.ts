/**
 * Creating and revoking token-API keys, each with its audit event in the same transaction. The
 * key itself exists only in the return value of createApiKey: the database keeps its hash. The
 * audit event names the connections and the per-user grant (users by email), never the key.
 */
import { prisma as db } from "@/lib/db/prisma";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { displayPrefixOf, generateApiKey, hashApiKey } from "@/lib/api-keys/key-format";
import { endOfDayUtc, type CreateApiKeyInput } from "@/lib/schemas/api-key";
import { ApplicationError } from "@/lib/errors/application-error";
import { formatPermissions, parsePermissions } from "@/lib/api-keys/permissions";

/** A connection or user chosen on the form may have been deleted since the form was loaded. */
function refuseIfAnyGone(found: readonly unknown[], chosenIds: readonly string[], what: string, field: string): void {
  if (found.length !== chosenIds.length)
    throw new ApplicationError(`One of the chosen ${what} no longer exists. Reload and choose again.`, "rule", field);
}

export async function createApiKey(
  actor: AuditActor,
  input: CreateApiKeyInput,
): Promise<{ id: string; key: string; name: string }> {
  const key = generateApiKey();
  const connectionIds = input.access === "all" ? [] : [...new Set(input.connectionIds)];
  const userIds = input.userAccess === "CHOSEN_USERS" ? [...new Set(input.userIds)] : [];
  return db.$transaction(async (tx) => {
    const connections = await tx.connection.findMany({
      where: { id: { in: connectionIds } },
      select: { id: true, name: true },
    });
    refuseIfAnyGone(connections, connectionIds, "connections", "connectionIds");
    const users = await tx.user.findMany({
      where: { id: { in: userIds } },
      select: { id: true, email: true },
      orderBy: { email: "asc" },
    });
    refuseIfAnyGone(users, userIds, "users", "userIds");
    const created = await tx.apiKey.create({
      data: {
        name: input.name,
        displayPrefix: displayPrefixOf(key),
        keyHash: hashApiKey(key),
        allConnections: input.access === "all",
        userAccess: input.userAccess,
        rateLimitPerMinute: input.rateLimitPerMinute,
        permissions: formatPermissions(input.permissions),
        expiresAt: input.expiresOn ? endOfDayUtc(input.expiresOn) : null,
        createdByEmail: actor.email,
        connections: { create: connectionIds.map((connectionId) => ({ connectionId })) },
        users: { create: userIds.map((userId) => ({ userId })) },
      },
      select: { id: true, name: true, displayPrefix: true, expiresAt: true },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "api_key.created",
      target: { type: "api_key", id: created.id, name: created.name },
      details: {
        prefix: created.displayPrefix,
        connections: input.access === "all" ? "all" : connections.map((c) => c.name),
        userAccess: input.userAccess,
        users: users.map((u) => u.email),
        expiresAt: created.expiresAt?.toISOString() ?? null,
        rateLimitPerMinute: input.rateLimitPerMinute,
        permissions: parsePermissions(formatPermissions(input.permissions)),
      },
    });
    return { id: created.id, key, name: created.name };
  });
}

export async function revokeApiKey(actor: AuditActor, apiKeyId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const now = new Date();
    const revoked = await tx.apiKey.updateMany({
      where: { id: apiKeyId, revokedAt: null },
      data: { revokedAt: now, revokedByEmail: actor.email },
    });
    if (revoked.count === 0) throw new ApplicationError("This key is already revoked or no longer exists.");
    const key = await tx.apiKey.findUniqueOrThrow({
      where: { id: apiKeyId },
      select: { name: true, displayPrefix: true },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "api_key.revoked",
      target: { type: "api_key", id: apiKeyId, name: key.name },
      details: { prefix: key.displayPrefix },
    });
  });
}
