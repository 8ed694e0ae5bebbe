/**
 * Every kind of audit event, declared once: the label the Audit page shows and the zod schema of
 * its details. The kind is stored as the event's `action`. Appending checks the details against the
 * schema (lib/audit/record-audit-event.ts); stored events are shown as stored, whatever they hold,
 * because the chain's hashes cover the stored bytes.
 */
import type { z } from "zod";
import { AUTH_AUDIT_EVENTS } from "@/lib/audit/auth-audit-events";
import { CONNECTION_AUDIT_EVENTS } from "@/lib/audit/connection-audit-events";
import { OPERATIONS_AUDIT_EVENTS, type prunedDetails } from "@/lib/audit/operations-audit-events";

/** The one registry: each concern declares its kinds in the file beside this one. */
export const AUDIT_EVENTS = {
  ...AUTH_AUDIT_EVENTS,
  ...CONNECTION_AUDIT_EVENTS,
  ...OPERATIONS_AUDIT_EVENTS,
};

export type AuditAction = keyof typeof AUDIT_EVENTS;

/** The details an event of this kind is appended with. */
export type AuditDetails<A extends AuditAction> = z.input<(typeof AUDIT_EVENTS)[A]["details"]>;

export type PrunedDetails = z.output<typeof prunedDetails>;

export const AUDIT_ACTIONS = Object.keys(AUDIT_EVENTS) as AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_EVENTS, value);
}

/** How an action reads on the Audit page; an action no longer declared is shown as stored. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_EVENTS[action].label : action;
}

/** The details checked against the kind's schema; throws naming the kind and the paths, never the values. */
export function checkAuditDetails<A extends AuditAction>(action: A, value: AuditDetails<A> | undefined): void {
  const parsed = AUDIT_EVENTS[action].details.safeParse(value ?? {});
  if (parsed.success) return;
  const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(details)"}: ${issue.message}`);
  throw new Error(
    `Audit event ${action} refused: its details do not match the declared schema (${issues.join("; ")}).`,
  );
}
