/**
 * Export formats of the audit trail. JSON Lines is exact (one event per line, details as an
 * object, hashes included so a copy can be checked against the chain); CSV is for spreadsheets.
 */
import type { AuditEvent } from "@/lib/db/generated/client";
import { formatCsvLine } from "@/lib/csv/format-csv";
import { parseAuditDetails } from "@/lib/audit/audit-event-view";

export type AuditExportFormat = "csv" | "jsonl";

export const AUDIT_EXPORT_FORMATS: Record<AuditExportFormat, { contentType: string; extension: string }> = {
  csv: { contentType: "text/csv; charset=utf-8", extension: "csv" },
  jsonl: { contentType: "application/x-ndjson; charset=utf-8", extension: "jsonl" },
};

export function isAuditExportFormat(value: string | null): value is AuditExportFormat {
  return value === "csv" || value === "jsonl";
}

export const AUDIT_CSV_COLUMNS = [
  "seq",
  "created_at",
  "actor_id",
  "actor_email",
  "actor_role",
  "ip",
  "user_agent",
  "action",
  "target_type",
  "target_id",
  "target_name",
  "connection_id",
  "details",
  "prev_hash",
  "hash",
] as const;

export function auditCsvHeader(): string {
  return formatCsvLine(AUDIT_CSV_COLUMNS);
}

export function auditEventToCsvLine(e: AuditEvent): string {
  return formatCsvLine([
    e.seq,
    e.createdAt,
    e.actorId,
    e.actorEmail,
    e.actorRole,
    e.ip,
    e.userAgent,
    e.action,
    e.targetType,
    e.targetId,
    e.targetName,
    e.connectionId,
    e.details,
    e.prevHash,
    e.hash,
  ]);
}

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
