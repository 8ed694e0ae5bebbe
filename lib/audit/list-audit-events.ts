/**
 * Reads of the audit trail for the Audit page and the export: filters turn into a Prisma `where`
 * served by the (action|actorId|connectionId, seq) indexes, and pages are keyset ranges over seq,
 * newest first (no OFFSET, so a deep page costs the same as the first).
 */
import type { Db } from "@/lib/db/prisma";
import { prisma as db } from "@/lib/db/prisma";
import type { AuditEvent, Prisma } from "@/lib/db/generated/client";
import type { AuditCursor, AuditFilter } from "@/lib/schemas/audit-filter";
import { connectionNameKey } from "@/lib/connections/name-key";
import { containsIgnoringCase } from "@/lib/db/text-filter";
import type { AuditConditions } from "@/lib/audit/read-audit-events";

export const AUDIT_PAGE_SIZE = 50;

/** Who the actor filter means: a known user by id (stable), anyone else by the email recorded at the time. */
async function actorCondition(db: Db, email: string): Promise<AuditConditions> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  return user ? { actorId: user.id } : { actorEmail: email };
}

/** How many connections a partial name may stand for; a wider match asks for a longer name. */
const MAX_NAME_MATCHES = 50;

export type ConnectionFilterMatch = { ids: string[]; kind: "id" | "name" | "partial" | "unknown" };

/**
 * The connections a filter value means: one by id, else one by its current name ignoring case,
 * else every connection whose name contains the value (ignoring case, up to 50). Nothing found:
 * the value is kept as an id, so a deleted connection's history stays searchable.
 */
export async function resolveConnectionFilter(value: string): Promise<ConnectionFilterMatch> {
  const byId = await db.connection.findUnique({ where: { id: value }, select: { id: true } });
  if (byId) return { ids: [byId.id], kind: "id" };
  const byName = await db.connection.findFirst({
    where: { OR: [{ name: value }, { nameKey: connectionNameKey(value) }] },
    select: { id: true },
  });
  if (byName) return { ids: [byName.id], kind: "name" };
  const partial = await db.connection.findMany({
    where: { name: containsIgnoringCase(value) },
    select: { id: true },
    orderBy: { name: "asc" },
    take: MAX_NAME_MATCHES,
  });
  if (partial.length > 0) return { ids: partial.map((c) => c.id), kind: "partial" };
  return { ids: [value], kind: "unknown" };
}

/**
 * A date range as the seq range it covers. Event times never decrease along the chain
 * (lib/audit/record-audit-event.ts), so two index seeks on createdAt find the bounds, and the page
 * query then walks the primary key instead of sorting every event in the range.
 */
async function dateRangeCondition(
  db: Db,
  from: Date | undefined,
  toExclusive: Date | undefined,
): Promise<AuditConditions> {
  const range: AuditConditions = {};
  if (from) {
    range.seqFrom = await edgeSeq(db, { gte: from }, "asc");
    if (range.seqFrom === undefined) return { matchesNothing: true };
  }
  if (toExclusive) {
    range.seqTo = await edgeSeq(db, { lt: toExclusive }, "desc");
    if (range.seqTo === undefined) return { matchesNothing: true };
  }
  return range;
}

/** The seq of the first ("asc") or last ("desc") event whose time is within `createdAt`. */
async function edgeSeq(db: Db, createdAt: Prisma.DateTimeFilter, order: Prisma.SortOrder): Promise<number | undefined> {
  const edge = await db.auditEvent.findFirst({
    where: { createdAt },
    orderBy: [{ createdAt: order }, { seq: order }],
    select: { seq: true },
  });
  return edge?.seq;
}

/** The filter with its actor, connection and dates resolved: what both the page and the export read by. */
export async function resolveAuditConditions(filter: AuditFilter): Promise<AuditConditions> {
  const conditions: AuditConditions = {};
  if (filter.actor) Object.assign(conditions, await actorCondition(db, filter.actor));
  if (filter.action) conditions.action = filter.action;
  if (filter.connection) conditions.connectionIds = (await resolveConnectionFilter(filter.connection)).ids;
  if (filter.from || filter.toExclusive)
    Object.assign(conditions, await dateRangeCondition(db, filter.from, filter.toExclusive));
  return conditions;
}

/** The same conditions as a Prisma `where`, for the page's queries. */
export function auditWhereOf(c: AuditConditions): Prisma.AuditEventWhereInput {
  if (c.matchesNothing) return { seq: { in: [] } };
  const seq: Prisma.IntFilter = {};
  if (c.seqFrom !== undefined) seq.gte = c.seqFrom;
  if (c.seqTo !== undefined) seq.lte = c.seqTo;
  const conditions: Prisma.AuditEventWhereInput[] = [
    ...(c.actorId !== undefined ? [{ actorId: c.actorId }] : []),
    ...(c.actorEmail !== undefined ? [{ actorEmail: c.actorEmail }] : []),
    ...(c.action !== undefined ? [{ action: c.action }] : []),
    ...(c.connectionIds !== undefined ? [{ connectionId: { in: [...c.connectionIds] } }] : []),
    ...(Object.keys(seq).length > 0 ? [{ seq }] : []),
  ];
  return conditions.length > 0 ? { AND: conditions } : {};
}

export async function buildAuditWhere(filter: AuditFilter): Promise<Prisma.AuditEventWhereInput> {
  return auditWhereOf(await resolveAuditConditions(filter));
}

/** The filter, narrowed to one side of a keyset cursor. */
function beforeSeq(where: Prisma.AuditEventWhereInput, seq: number): Prisma.AuditEventWhereInput {
  return { AND: [where, { seq: { lt: seq } }] };
}

export type AuditPage = { events: AuditEvent[]; olderCursor?: number; newerCursor?: number };

export async function listAuditEventsPage(
  where: Prisma.AuditEventWhereInput,
  cursor: AuditCursor,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<AuditPage> {
  // One extra row tells whether another page exists in the direction of travel.
  if (cursor.after !== undefined) {
    const rows = await db.auditEvent.findMany({
      where: { AND: [where, { seq: { gt: cursor.after } }] },
      orderBy: { seq: "asc" },
      take: pageSize + 1,
    });
    const hasNewer = rows.length > pageSize;
    const events = rows.slice(0, pageSize).reverse();
    return {
      events,
      newerCursor: hasNewer ? events[0]?.seq : undefined,
      // We came from the older page, so it exists.
      olderCursor: events.length > 0 ? events[events.length - 1]!.seq : cursor.after + 1,
    };
  }
  const rows = await db.auditEvent.findMany({
    where: cursor.before !== undefined ? beforeSeq(where, cursor.before) : where,
    orderBy: { seq: "desc" },
    take: pageSize + 1,
  });
  const events = rows.slice(0, pageSize);
  return {
    events,
    olderCursor: rows.length > pageSize ? events[events.length - 1]!.seq : undefined,
    // Coming from a newer page means one exists; on the first page there is none.
    newerCursor: cursor.before !== undefined ? (events[0]?.seq ?? cursor.before - 1) : undefined,
  };
}

export type AuditConnectionScope =
  | { kind: "one"; id: string; name: string; exists: boolean }
  | { kind: "partial"; text: string; count: number; limited: boolean };

/**
 * What a connection-filtered view is about: one connection (its current name, or the last name
 * the trail recorded if it was deleted), or the connections whose names contain the text.
 */
export async function describeAuditConnection(value: string): Promise<AuditConnectionScope> {
  const match = await resolveConnectionFilter(value);
  if (match.kind === "partial" && match.ids.length > 1) {
    return { kind: "partial", text: value, count: match.ids.length, limited: match.ids.length >= MAX_NAME_MATCHES };
  }
  const id = match.ids[0]!;
  const connection = await db.connection.findUnique({ where: { id }, select: { name: true } });
  if (connection) return { kind: "one", id, name: connection.name, exists: true };
  const last = await db.auditEvent.findFirst({
    where: { connectionId: id },
    orderBy: { seq: "desc" },
    select: { targetName: true },
  });
  return { kind: "one", id, name: last?.targetName ?? id, exists: false };
}

/** Which of these connection ids still exist (the Audit page links only those). */
export async function findLiveConnectionIds(ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.connection.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}
