// GET /api/connections/export?format=json|yaml&<list filters> - the listed connections as a connections file.
import { authorizeDownload } from "@/lib/auth/session";
import { parseConnectionListQuery } from "@/lib/connections/list-connections";
import { exportListedConnections } from "@/lib/connections-file/export-listed-connections";
import { formatConnectionsFile } from "@/lib/connections-file/export-connections";
import { downloadResponse, fileTimestamp, plainTextResponse } from "@/lib/http/download-headers";

export const dynamic = "force-dynamic";

/** Auditors may export too: the file holds settings and secret references, never a secret. */
export async function GET(request: Request): Promise<Response> {
  const user = await authorizeDownload(request, "Start the export from the Connections page.");
  if (user instanceof Response) return user;

  const params = new URL(request.url).searchParams;
  const format = params.get("format") === "yaml" ? "yaml" : "json";
  let query;
  try {
    query = parseConnectionListQuery(Object.fromEntries(params));
  } catch {
    return plainTextResponse("The list filter cannot be exported: open the Connections page and export again.", 400);
  }
  const text = formatConnectionsFile(await exportListedConnections(query), format);
  const type = format === "yaml" ? "application/yaml; charset=utf-8" : "application/json; charset=utf-8";
  return downloadResponse(text, type, `handshake-connections-${fileTimestamp()}.${format}`);
}
