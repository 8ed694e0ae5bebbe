/**
 * Streams the events matching a filter, newest first, in keyset batches, up to a fixed seq so
 * the export is one consistent snapshot even while events keep arriving.
 */
import { streamTextInBatches } from "@/lib/http/stream-text-in-batches";
import {
  CSV_CELL_SEPARATOR,
  isPlainCsvRow,
  readAuditCsvCells,
  readAuditCsvRows,
  readAuditEvents,
  readAuditJsonLines,
  type AuditConditions,
  type AuditEventRange,
} from "@/lib/audit/read-audit-events";
import { AUDIT_CSV, auditEventToJsonLine, type AuditExportFormat } from "@/lib/audit/format-audit-export";
import { formatCsvLine, type CsvValue } from "@/lib/csv/format-csv";

const EXPORT_BATCH_SIZE = 2000;

type ExportBatch = { body: string | Uint8Array; lastSeq: number; count: number };
const EMPTY_BATCH: ExportBatch = { body: "", lastSeq: 0, count: 0 };

const SEPARATOR_BYTE = CSV_CELL_SEPARATOR.charCodeAt(0);
const COMMA_BYTE = ",".charCodeAt(0);

/** Rows of readAuditCsvRows as CSV lines in UTF-8: the separators, each one byte, become commas. */
function encodePlainCsvRows(rows: readonly string[]): Uint8Array {
  // Replaced in the bytes, not the text: replaceAll on a batch's text cost more than encoding it.
  const bytes = Buffer.from(`${rows.join("\r\n")}\r\n`);
  for (let i = bytes.indexOf(SEPARATOR_BYTE); i !== -1; i = bytes.indexOf(SEPARATOR_BYTE, i + 1)) bytes[i] = COMMA_BYTE;
  return bytes;
}

/**
 * A batch of CSV lines, each written by the database where isPlainCsvRow vouches for it. The others
 * (a cell that could start a formula, a line break, a separator in the text) are read again as cells
 * and formatted by formatCsvLine, in their place.
 */
async function readCsvBatch(range: AuditEventRange): Promise<ExportBatch> {
  const rows = await readAuditCsvRows(range);
  const lastSeq = Number(rows.at(-1)?.[0] ?? 0);
  const plain = rows.map(([, cells]) => isPlainCsvRow(cells));
  if (!plain.includes(false)) {
    return {
      body: rows.length === 0 ? "" : encodePlainCsvRows(rows.map(([, cells]) => cells)),
      lastSeq,
      count: rows.length,
    };
  }
  const otherSeqs = rows.filter((_, i) => !plain[i]).map(([seq]) => Number(seq));
  const otherLines = new Map(
    (await readAuditCsvCells(otherSeqs)).map((cells) => [Number(cells[0]), formatCsvLine(cells as CsvValue[])]),
  );
  const parts: Uint8Array[] = [];
  let plainRun: string[] = [];
  rows.forEach(([seq, cells], i) => {
    if (plain[i]) {
      plainRun.push(cells);
      return;
    }
    if (plainRun.length > 0) parts.push(encodePlainCsvRows(plainRun));
    plainRun = [];
    // An event pruned since the batch was read has no line left to write.
    const line = otherLines.get(Number(seq));
    if (line !== undefined) parts.push(Buffer.from(line));
  });
  if (plainRun.length > 0) parts.push(encodePlainCsvRows(plainRun));
  return { body: Buffer.concat(parts), lastSeq, count: rows.length };
}

/** JSON Lines as the database renders them; a batch it cannot render (details that are not JSON) from its columns. */
async function readJsonLinesBatch(range: AuditEventRange): Promise<ExportBatch> {
  const rows = await readAuditJsonLines(range).catch(async () =>
    (await readAuditEvents(range)).map((event) => ({ seq: event.seq, line: auditEventToJsonLine(event).trimEnd() })),
  );
  const body = rows.length === 0 ? "" : `${rows.map((row) => row.line).join("\n")}\n`;
  return { body, lastSeq: rows.at(-1)?.seq ?? 0, count: rows.length };
}

export function streamAuditExport(options: {
  conditions: AuditConditions;
  format: AuditExportFormat;
  beforeSeq: number;
}): ReadableStream<Uint8Array> {
  const readBatchBefore = (before: number) => {
    const read = (options.format === "csv" ? readCsvBatch : readJsonLinesBatch)({
      conditions: options.conditions,
      order: "desc",
      before,
      limit: EXPORT_BATCH_SIZE,
    });
    // A download cancelled with a batch read ahead leaves its failure to nobody.
    read.catch(() => undefined);
    return read;
  };
  let next: Promise<ExportBatch> | null = null;
  return streamTextInBatches({
    prefix: options.format === "csv" ? AUDIT_CSV.headerLine() : undefined,
    async readBatch() {
      next ??= readBatchBefore(options.beforeSeq);
      const batch = await next;
      if (batch.count === 0) return null;
      // The next batch is read while this one is sent: on PostgreSQL the server renders it meanwhile.
      next = batch.count < EXPORT_BATCH_SIZE ? Promise.resolve(EMPTY_BATCH) : readBatchBefore(batch.lastSeq);
      return batch.body;
    },
  });
}
