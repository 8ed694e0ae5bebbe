/**
 * Streams the events matching a filter, newest first, in keyset batches, up to a fixed seq so
 * the export is one consistent snapshot even while events keep arriving.
 */
import { prisma as db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/db/generated/client";
import { streamTextInBatches } from "@/lib/http/stream-text-in-batches";
import { beforeSeq } from "@/lib/audit/list-audit-events";
import { AUDIT_CSV, auditEventToJsonLine, type AuditExportFormat } from "@/lib/audit/format-audit-export";

const EXPORT_BATCH_SIZE = 1000;

export function streamAuditExport(options: {
  where: Prisma.AuditEventWhereInput;
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
      const batch = await db.auditEvent.findMany({
        where: beforeSeq(options.where, cursor),
        orderBy: { seq: "desc" },
        take: EXPORT_BATCH_SIZE,
      });
      if (batch.length < EXPORT_BATCH_SIZE) done = true;
      if (batch.length === 0) return null;
      cursor = batch[batch.length - 1]!.seq;
      return batch.map(toLine).join("");
    },
  });
}
