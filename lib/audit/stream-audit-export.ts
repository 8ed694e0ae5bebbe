/**
 * Streams the events matching a filter, newest first, in keyset batches, up to a fixed seq so
 * the export is one consistent snapshot even while events keep arriving.
 */
import { streamTextInBatches } from "@/lib/http/stream-text-in-batches";
import { readAuditEvents, type AuditConditions } from "@/lib/audit/read-audit-events";
import { AUDIT_CSV, auditEventToJsonLine, type AuditExportFormat } from "@/lib/audit/format-audit-export";

const EXPORT_BATCH_SIZE = 2000;

export function streamAuditExport(options: {
  conditions: AuditConditions;
  format: AuditExportFormat;
  beforeSeq: number;
}): ReadableStream<Uint8Array> {
  const toLine = options.format === "csv" ? AUDIT_CSV.line : auditEventToJsonLine;
  let cursor = options.beforeSeq;
  let done = false;
  return streamTextInBatches({
    prefix: options.format === "csv" ? AUDIT_CSV.headerLine() : undefined,
    async readBatch() {
      if (done) return null;
      const batch = await readAuditEvents({
        conditions: options.conditions,
        order: "desc",
        before: cursor,
        limit: EXPORT_BATCH_SIZE,
      });
      if (batch.length < EXPORT_BATCH_SIZE) done = true;
      if (batch.length === 0) return null;
      cursor = batch[batch.length - 1]!.seq;
      return batch.map(toLine).join("");
    },
  });
}
