/**
 * Export formats of the audit trail. JSON Lines is exact (one event per line, details as an
 * object, hashes included so a copy can be checked against the chain); CSV is for spreadsheets.
 */
import type { AuditEvent } from "@/lib/db/generated/client";
import { defineCsvLayout } from "@/lib/csv/format-csv";
import { parseAuditDetails } from "@/lib/audit/audit-event-view";

export type AuditExportFormat = "csv" | "jsonl";

export const AUDIT_EXPORT_FORMATS: Record<AuditExportFormat, { contentType: string; extension: string }> = {
  csv: { contentType: "text/csv; charset=utf-8", extension: "csv" },
  jsonl: { contentType: "application/x-ndjson; charset=utf-8", extension: "jsonl" },
};

export function isAuditExportFormat(value: string | null): value is AuditExportFormat {
  return value === "csv" || value === "jsonl";
}

export const AUDIT_CSV = defineCsvLayout<AuditEvent>([
  ["seq", (e) => e.seq],
  ["created_at", (e) => e.createdAt],
  ["actor_id", (e) => e.actorId],
  ["actor_email", (e) => e.actorEmail],
  ["actor_role", (e) => e.actorRole],
  ["ip", (e) => e.ip],
  ["user_agent", (e) => e.userAgent],
  ["action", (e) => e.action],
  ["target_type", (e) => e.targetType],
  ["target_id", (e) => e.targetId],
  ["target_name", (e) => e.targetName],
  ["connection_id", (e) => e.connectionId],
  ["details", (e) => e.details],
  ["prev_hash", (e) => e.prevHash],
  ["hash", (e) => e.hash],
]);

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
