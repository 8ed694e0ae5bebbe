/**
 * Export formats of the audit trail. JSON Lines is exact (one event per line, details as an
 * object, hashes included so a copy can be checked against the chain); CSV is for spreadsheets.
 */
import type { AuditEvent } from "@/lib/db/generated/client";
import { defineCsvLayout } from "@/lib/csv/format-csv";
import { fieldColumns } from "@/lib/csv/field-columns";
import { parseAuditDetails } from "@/lib/audit/audit-event-view";

export type AuditExportFormat = "csv" | "jsonl";

export const AUDIT_EXPORT_FORMATS: Record<AuditExportFormat, { contentType: string; extension: string }> = {
  csv: { contentType: "text/csv; charset=utf-8", extension: "csv" },
  jsonl: { contentType: "application/x-ndjson; charset=utf-8", extension: "jsonl" },
};

export function isAuditExportFormat(value: string | null): value is AuditExportFormat {
  return value === "csv" || value === "jsonl";
}

export const AUDIT_CSV = defineCsvLayout(
  fieldColumns<AuditEvent>({
    seq: "seq",
    created_at: "createdAt",
    actor_id: "actorId",
    actor_email: "actorEmail",
    actor_role: "actorRole",
    ip: "ip",
    user_agent: "userAgent",
    action: "action",
    target_type: "targetType",
    target_id: "targetId",
    target_name: "targetName",
    connection_id: "connectionId",
    details: "details",
    prev_hash: "prevHash",
    hash: "hash",
  }),
);

export function auditEventToJsonLine(e: AuditEvent): string {
  return `${JSON.stringify({
    seq: e.seq,
    createdAt: e.createdAt.toISOString(),
    actorId: e.actorId,
    actorEmail: e.actorEmail,
    actorRole: e.actorRole,
    ip: e.ip,
    userAgent: e.userAgent,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    targetName: e.targetName,
    connectionId: e.connectionId,
    details: parseAuditDetails(e.details),
    prevHash: e.prevHash,
    hash: e.hash,
  })}\n`;
}
