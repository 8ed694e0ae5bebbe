/**
 * Streams the events matching a filter, newest first, in batches, up to a fixed seq so the export
 * is one consistent snapshot even while events keep arriving.
 */
import { encodeLines } from "@/lib/http/encode-lines";
import { streamTextInBatches } from "@/lib/http/stream-text-in-batches";
import {
  CSV_CELL_SEPARATOR,
  isPlainCsvRow,
  readAuditCsvCells,
  readAuditCsvRows,
  readAuditEvents,
  readAuditJsonLines,
  findNextAuditSeq,
  type AuditConditions,
  type AuditEventRange,
} from "@/lib/audit/read-audit-events";
import { AUDIT_CSV, auditEventToJsonLine, type AuditExportFormat } from "@/lib/audit/format-audit-export";
import { formatCsvLine, type CsvValue } from "@/lib/csv/format-csv";
import { currentDatabaseKind, type DatabaseKind } from "@/lib/config/database-url";

const EXPORT_BATCH_SIZE = 2000;

type ExportBatch = { body: Uint8Array[]; lastSeq: number; count: number };
const EMPTY_BATCH: ExportBatch = { body: [], lastSeq: 0, count: 0 };

const SEPARATOR_BYTE = CSV_CELL_SEPARATOR.charCodeAt(0);
const COMMA_BYTE = ",".charCodeAt(0);

/** Rows of readAuditCsvRows as CSV lines in UTF-8: the separators, each one byte, become commas. */
function encodePlainCsvRows(rows: readonly string[]): Uint8Array[] {
  const chunks = encodeLines(rows, "\r\n");
  // Replaced in the bytes, not the text: replaceAll on a batch's text cost more than encoding it.
  for (const bytes of chunks) {
    for (let i = bytes.indexOf(SEPARATOR_BYTE); i !== -1; i = bytes.indexOf(SEPARATOR_BYTE, i + 1))
      bytes[i] = COMMA_BYTE;
  }
  return chunks;
}

/**
 * A batch of CSV lines, each written by the database where isPlainCsvRow vouches for it. The others
 * (a cell that could start a formula, a line break, a separator in the text) are read again as cells
 * and formatted by formatCsvLine, in their place.
 */
async function readCsvBatch(range: AuditEventRange): Promise<ExportBatch> {
  const rows = await readAuditCsvRows(range);
  const plain = rows.map(([, cells]) => isPlainCsvRow(cells));
  const otherSeqs = rows.filter((_, i) => !plain[i]).map(([seq]) => Number(seq));
  const otherLines = new Map(
    (await readAuditCsvCells(otherSeqs)).map((cells) => [Number(cells[0]), formatCsvLine(cells as CsvValue[])]),
  );
  const parts: Uint8Array[] = [];
  let plainRun: string[] = [];
  let otherRun: string[] = [];
  const endPlainRun = () => {
    parts.push(...encodePlainCsvRows(plainRun));
    plainRun = [];
  };
  const endOtherRun = () => {
    // formatCsvLine's lines end in CRLF already.
    parts.push(...encodeLines(otherRun, ""));
    otherRun = [];
  };
  rows.forEach(([seq, cells], i) => {
    if (plain[i]) {
      endOtherRun();
      plainRun.push(cells);
      return;
    }
    endPlainRun();
    // An event pruned since the batch was read has no line left to write.
    const line = otherLines.get(Number(seq));
    if (line !== undefined) otherRun.push(line);
  });
  endPlainRun();
  endOtherRun();
  return {
    body: parts,
    lastSeq: Number(rows.at(-1)?.[0] ?? 0),
    count: rows.length,
  };
}

/**
 * JSON Lines as the database renders them; a batch it cannot render (details that are not JSON) from
 * its columns. Encoded at once, so a batch read ahead holds its bytes rather than its rows and text
 * (at 2M events on PostgreSQL the export's peak heap went from 86-141 to 57-70 MB).
 */
async function readJsonLinesBatch(range: AuditEventRange): Promise<ExportBatch> {
  const rows = await readAuditJsonLines(range).catch(async () =>
    (await readAuditEvents(range)).map((event) => ({ seq: event.seq, line: auditEventToJsonLine(event).trimEnd() })),
  );
  const body = encodeLines(
    rows.map((row) => row.line),
    "\n",
  );
  return { body, lastSeq: rows.at(-1)?.seq ?? 0, count: rows.length };
}

/**
 * Batches being read at once when their seq ranges are known in advance. PostgreSQL renders each
 * in a server process of its own (CSV at 2M events in-process: three at once 98-108 MB/s, two
 * 83-93, keyset batches 57-62). SQLite runs its queries on the console's thread, where reading
 * ahead overlaps nothing: its batch is read when the stream asks for it.
 */
const RANGES_READ_AHEAD: Record<DatabaseKind, number> = { postgresql: 3, sqlite: 1 };

/** Whether every event in a seq range matches the conditions, so that batches can be ranges of seqs. */
function isSeqRangeOnly(c: AuditConditions): boolean {
  return (
    c.actorId === undefined &&
    c.actorEmail === undefined &&
    c.action === undefined &&
    c.connectionIds === undefined &&
    !c.matchesNothing
  );
}

type ExportOptions = {
  conditions: AuditConditions;
  format: AuditExportFormat;
  beforeSeq: number;
  /** Events a batch reads at most; smaller only in tests, to cross batch boundaries with few events. */
  batchSize?: number;
};

function readExportBatch(options: ExportOptions, before: number, conditions = options.conditions) {
  const read = (options.format === "csv" ? readCsvBatch : readJsonLinesBatch)({
    conditions,
    order: "desc",
    before,
    limit: options.batchSize ?? EXPORT_BATCH_SIZE,
  });
  // A download cancelled with a batch read ahead leaves its failure to nobody.
  read.catch(() => undefined);
  return read;
}

/**
 * Batches by keyset, for a filter that may skip any number of events: each batch starts below the
 * last seq of the one before, and is read while that one is sent.
 */
function readKeysetBatches(options: ExportOptions): () => Promise<ExportBatch | null> {
  let next: Promise<ExportBatch> | null = null;
  return async () => {
    next ??= readExportBatch(options, options.beforeSeq);
    const batch = await next;
    if (batch.count === 0) return null;
    const full = batch.count === (options.batchSize ?? EXPORT_BATCH_SIZE);
    next = full ? readExportBatch(options, batch.lastSeq) : Promise.resolve(EMPTY_BATCH);
    return batch;
  };
}

/**
 * Batches by seq range, for the whole trail or a date range: each holds the events of a batch's
 * size of consecutive seqs (fewer where events were pruned), so several are read at once.
 * At 10M events on PostgreSQL one batch read ahead left a core idle (#26): the server rendered a batch
 * while the console sent the one before, and each waited for the other.
 */
function readRangeBatches(options: ExportOptions): () => Promise<ExportBatch | null> {
  const { seqFrom, seqTo } = options.conditions;
  let before = Math.min(options.beforeSeq, seqTo === undefined ? Infinity : seqTo + 1);
  let lowest: Promise<number | null> | null = null;
  const reading: Promise<ExportBatch>[] = [];
  const readAhead = RANGES_READ_AHEAD[currentDatabaseKind()];
  const size = options.batchSize ?? EXPORT_BATCH_SIZE;
  return async () => {
    lowest ??= seqFrom === undefined ? findNextAuditSeq(0) : Promise.resolve(seqFrom);
    const low = (await lowest) ?? before;
    while (reading.length < readAhead && before > low) {
      const from = Math.max(low, before - size);
      reading.push(readExportBatch(options, before, { ...options.conditions, seqFrom: from }));
      before = from;
    }
    return (await reading.shift()) ?? null;
  };
}

export function streamAuditExport(options: ExportOptions): ReadableStream<Uint8Array> {
  const readBatch = isSeqRangeOnly(options.conditions) ? readRangeBatches(options) : readKeysetBatches(options);
  return streamTextInBatches({
    prefix: options.format === "csv" ? AUDIT_CSV.headerLine() : undefined,
    async readBatch() {
      const batch = await readBatch();
      return batch === null ? null : batch.body;
    },
  });
}
