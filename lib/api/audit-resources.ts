/**
 * GET /api/v1/audit-events and /api/v1/audit-events/verify: the Audit page's filters
 * (lib/schemas/audit-filter.ts, lib/audit/list-audit-events.ts), newest first, with a cursor on
 * seq. A key limited to chosen connections sees only those connections' events.
 */
import type { z } from "zod";
import { prisma as db } from "@/lib/db/prisma";
import type { AuditEvent, Prisma } from "@/lib/db/generated/client";
import type { AuthenticatedApiKey } from "@/lib/api-keys/authenticate-api-key";
import { auditFilterSchema } from "@/lib/schemas/audit-filter";
import { buildAuditWhere, listAuditEventsPage } from "@/lib/audit/list-audit-events";
import { parseAuditDetails } from "@/lib/audit/audit-event-view";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { getConfig } from "@/lib/config/env";
import { ApiProblem, invalidQuery } from "@/lib/api/api-problem";
import { TokenApiProblem } from "@/lib/tokens/problem-response";
import type {
  auditEventSchema,
  auditListQuerySchema,
  auditListSchema,
  auditVerifySchema,
} from "@/lib/api/resource-schemas";

type Key = Pick<AuthenticatedApiKey, "id" | "allConnections">;

const SEQ_CURSOR = /^[1-9]\d{0,15}$/;

async function visibleEvents(key: Key): Promise<Prisma.AuditEventWhereInput> {
  if (key.allConnections) return {};
  const grants = await db.apiKeyConnection.findMany({ where: { apiKeyId: key.id }, select: { connectionId: true } });
  return { connectionId: { in: grants.map((g) => g.connectionId) } };
}

function eventOf(event: AuditEvent): z.infer<typeof auditEventSchema> {
  return {
    seq: event.seq,
    created_at: event.createdAt.toISOString(),
    action: event.action,
    actor: { email: event.actorEmail, role: event.actorRole },
    target:
      event.targetType && event.targetId
        ? { type: event.targetType, id: event.targetId, name: event.targetName }
        : null,
    connection_id: event.connectionId,
    details: parseAuditDetails(event.details),
    hash: event.hash,
  };
}

export async function listAuditEventsForApi(
  key: Key,
  query: z.output<typeof auditListQuerySchema>,
): Promise<z.infer<typeof auditListSchema>> {
  const filter = auditFilterSchema.safeParse({
    actor: query.actor ?? "",
    action: query.action ?? "",
    connection: query.connection ?? "",
    from: query.from ?? "",
    to: query.to ?? "",
  });
  if (!filter.success) throw invalidQuery(filter.error);
  if (query.cursor !== undefined && !SEQ_CURSOR.test(query.cursor))
    throw new ApiProblem("invalid-request", "cursor: not a cursor of this list.");
  const where = { AND: [await buildAuditWhere(filter.data), await visibleEvents(key)] };
  const page = await listAuditEventsPage(where, query.cursor ? { before: Number(query.cursor) } : {}, query.limit);
  return {
    data: page.events.map(eventOf),
    next_cursor: page.olderCursor !== undefined ? String(page.olderCursor) : null,
  };
}

export async function verifyAuditChainForApi(key: Key): Promise<z.infer<typeof auditVerifySchema>> {
  // The chain's count and head cover every connection's events, not only the key's.
  if (!key.allConnections)
    throw new TokenApiProblem(
      "missing-permission",
      "A key limited to chosen connections cannot verify the whole audit chain: use a key for all connections.",
    );
  const result = await verifyAuditChain({ key: getConfig().auditKey });
  return result.ok
    ? {
        intact: true,
        verified_count: result.count,
        head_seq: result.headSeq,
        head_hash: result.headHash,
        problem: null,
      }
    : { intact: false, verified_count: result.verifiedCount, head_seq: null, head_hash: null, problem: result.problem };
}
