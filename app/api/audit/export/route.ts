// GET /api/audit/export?format=csv|jsonl&actor=&action=&connection=&from=&to= - streams the events
// matching the Audit page's filter, newest first; the export itself is recorded as `audit.exported`.
import { auditActorFor, authorizeDownload } from "@/lib/auth/session";
import { recordStandaloneAuditEvent } from "@/lib/audit/record-audit-event";
import { resolveAuditConditions } from "@/lib/audit/list-audit-events";
import { streamAuditExport } from "@/lib/audit/stream-audit-export";
import { AUDIT_EXPORT_FORMATS, isAuditExportFormat } from "@/lib/audit/format-audit-export";
import { AUDIT_FILTER_FIELDS, parseAuditSearchParams } from "@/lib/schemas/audit-filter";
import {
  fileTimestamp,
  plainTextResponse,
  refusedFilterResponse,
  streamedDownloadResponse,
} from "@/lib/http/download-headers";
import { firstSearchParams } from "@/lib/http/first-search-params";
import { BUSY_MESSAGE, isDatabaseBusyError } from "@/lib/db/database-busy";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const user = await authorizeDownload(request, "Start the export from the Audit page.");
  if (user instanceof Response) return user;

  const params = new URL(request.url).searchParams;
  const format = params.get("format");
  if (!isAuditExportFormat(format)) return plainTextResponse('Choose an export format: "csv" or "jsonl".', 400);
  const parsed = parseAuditSearchParams(firstSearchParams(params));
  if (!parsed.ok) return refusedFilterResponse(parsed.fieldErrors, parsed.cursorError);

  const conditions = await resolveAuditConditions(parsed.filter);
  const filter = Object.fromEntries(
    AUDIT_FILTER_FIELDS.filter((f) => parsed.values[f]).map((f) => [f, parsed.values[f]]),
  );
  const actor = await auditActorFor(user);
  // The export holds exactly the matching events recorded before this one.
  let exported;
  try {
    exported = await recordStandaloneAuditEvent({ actor, action: "audit.exported", details: { format, filter } });
  } catch (error) {
    // An export that cannot be audited is not served; a busy database is worth another try.
    if (isDatabaseBusyError(error)) return plainTextResponse(BUSY_MESSAGE, 503);
    throw error;
  }

  const { contentType, extension } = AUDIT_EXPORT_FORMATS[format];
  return streamedDownloadResponse(
    streamAuditExport({ conditions, format, beforeSeq: exported.seq }),
    contentType,
    `handshake-audit-${fileTimestamp()}.${extension}`,
  );
}
