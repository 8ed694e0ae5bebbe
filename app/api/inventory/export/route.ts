// GET /api/inventory/export?<inventory filters> - the connection inventory as CSV, streamed in batches.
import { authorizeDownload } from "@/lib/auth/session";
import { listInventoryRows } from "@/lib/inventory/list-inventory";
import { INVENTORY_CSV } from "@/lib/inventory/format-inventory-csv";
import { parseInventorySearchParams } from "@/lib/schemas/inventory-filter";
import { streamTextInBatches } from "@/lib/http/stream-text-in-batches";
import { encodeLines } from "@/lib/http/encode-lines";
import { downloadResponse, fileTimestamp, refusedFilterResponse } from "@/lib/http/download-headers";
import { firstSearchParams } from "@/lib/http/first-search-params";

export const dynamic = "force-dynamic";

const EXPORT_BATCH_SIZE = 500;

export async function GET(request: Request): Promise<Response> {
  const user = await authorizeDownload(request, "Start the export from the Inventory page.");
  if (user instanceof Response) return user;

  const parsed = parseInventorySearchParams(firstSearchParams(new URL(request.url).searchParams));
  if (!parsed.ok) return refusedFilterResponse(parsed.fieldErrors);

  // One clock for the whole file, so "expired" and "age" mean the same on every row.
  const now = new Date();
  let skip = 0;
  let done = false;
  const body = streamTextInBatches({
    prefix: INVENTORY_CSV.headerLine(),
    async readBatch() {
      if (done) return null;
      const rows = await listInventoryRows(parsed.filter, { skip, take: EXPORT_BATCH_SIZE, now });
      skip += rows.length;
      if (rows.length < EXPORT_BATCH_SIZE) done = true;
      // formatCsvLine's lines end in CRLF already.
      return rows.length > 0 ? encodeLines(rows.map(INVENTORY_CSV.line), "") : null;
    },
  });
  return downloadResponse(body, "text/csv; charset=utf-8", `handshake-inventory-${fileTimestamp(now)}.csv`);
}
