/**
 * Streams the events matching a filter, newest first, in keyset batches, up to a fixed seq so
 * the export is one consistent snapshot even while events keep arriving.
 */
import { streamTextInBatches } from "@/lib/http/stream-text-in-batches";
import {
  readAuditEvents,
  readAuditJsonLines,
  type AuditConditions,
  type AuditEventRange,
} from "@/lib/audit/read-audit-events";
import { AUDIT_CSV, auditEventToJsonLine, type AuditExportFormat } from "@/lib/audit/format-audit-export";

const EXPORT_BATCH_SIZE = 2000;

type ExportBatch = { text: string; lastSeq: number; count: number };

async function readCsvBatch(range: AuditEventRange): Promise<ExportBatch> {
  const events = await readAuditEvents(range);
  return { text: events.map(AUDIT_CSV.line).join(""), lastSeq: events.at(-1)?.seq ?? 0, count: events.length };
}

/** JSON Lines as the database renders them; a batch it cannot render (details that are not JSON) from its columns. */
async function readJsonLinesBatch(range: AuditEventRange): Promise<ExportBatch> {
  const rows = await readAuditJsonLines(range).catch(async () =>
    (await readAuditEvents(range)).map((event) => ({ seq: event.seq, line: auditEventToJsonLine(event).trimEnd() })),
  );
  const text = rows.length === 0 ? "" : `${rows.map((row) => row.line).join("\n")}\n`;
  return { text, lastSeq: rows.at(-1)?.seq ?? 0, count: rows.length };
}

export function streamAuditExport(options: {
  conditions: AuditConditions;
  format: AuditExportFormat;
  beforeSeq: number;
}): ReadableStream<Uint8Array> {
  const readBatch = options.format === "csv" ? readCsvBatch : readJsonLinesBatch;
  let cursor = options.beforeSeq;
  let done = false;
  return streamTextInBatches({
    prefix: options.format === "csv" ? AUDIT_CSV.headerLine() : undefined,
    async readBatch() {
      if (done) return null;
      const batch = await readBatch({
        conditions: options.conditions,
        order: "desc",
        before: cursor,
        limit: EXPORT_BATCH_SIZE,
      });
      if (batch.count < EXPORT_BATCH_SIZE) done = true;
      if (batch.count === 0) return null;
      cursor = batch.lastSeq;
      return batch.text;
    },
  });
}
