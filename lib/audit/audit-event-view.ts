/**
 * The audit event as the browser sees it: plain JSON with details parsed and the diff split out.
 * Details never hold secret values: each kind's schema (lib/audit/audit-events.ts) refuses them and
 * lib/audit/redact.ts strips any left before they are written.
 */
import type { AuditEvent } from "@/lib/db/generated/client";
import { auditActionLabel } from "@/lib/audit/audit-events";
import { labelAuditField } from "@/lib/audit/label-audit-field";

/** `field` is the key as stored (and exported); `label` is what the console shows. */
export type DiffRow =
  | { field: string; label: string; secret: true }
  | { field: string; label: string; secret: false; from: unknown; to: unknown };

export type AuditEventView = Omit<AuditEvent, "createdAt" | "details"> & {
  createdAt: string;
  actionLabel: string;
  diff: DiffRow[];
  /** Everything in details except the diff. */
  details: Record<string, unknown>;
};

export function parseAuditDetails(details: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(details);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : { value: parsed };
  } catch {
    return { unparsable: details };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === "object" && !Array.isArray(value);
}

/** `{ field: { from, to } }` or `{ field: { changed: true } }` (secret: the fact only). */
function toDiffRows(diff: unknown): DiffRow[] {
  if (!isRecord(diff)) return [];
  return Object.entries(diff).map(([field, change]): DiffRow => {
    const label = labelAuditField(field);
    if (isRecord(change) && "from" in change && "to" in change && !change.secret)
      return { field, label, secret: false, from: change.from, to: change.to };
    return { field, label, secret: true };
  });
}

export function toAuditEventView(event: AuditEvent): AuditEventView {
  const { diff, ...details } = parseAuditDetails(event.details);
  // A bare `{ changed: true }` at the top level (e.g. a password reset) is a secret field too.
  const secretFacts = Object.entries(details).filter(
    ([, v]) => isRecord(v) && v.changed === true && Object.keys(v).every((k) => k === "changed" || k === "secret"),
  );
  for (const [key] of secretFacts) delete details[key];
  return {
    ...event,
    createdAt: event.createdAt.toISOString(),
    actionLabel: auditActionLabel(event.action),
    diff: [
      ...toDiffRows(diff),
      ...secretFacts.map(([field]): DiffRow => ({ field, label: labelAuditField(field), secret: true })),
    ],
    details,
  };
}

/**
 * Where an event's target cell links: a connection that still exists to its page, a user to the
 * Users page for those who may open it; anything else (a deleted connection, an API key) to nothing.
 */
export function auditTargetHref(
  event: Pick<AuditEventView, "targetType" | "targetId">,
  context: { liveConnectionIds: ReadonlySet<string>; canOpenUsers: boolean },
): string | undefined {
  if (!event.targetId) return undefined;
  if (event.targetType === "connection" && context.liveConnectionIds.has(event.targetId))
    return `/connections/${encodeURIComponent(event.targetId)}`;
  if (event.targetType === "user" && context.canOpenUsers) return "/users";
  return undefined;
}
