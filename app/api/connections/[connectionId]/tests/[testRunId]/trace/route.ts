// GET /api/connections/:connectionId/tests/:testRunId/trace - one test run's redacted trace as a JSON file.
import { authorizeDownload } from "@/lib/auth/session";
import { downloadResponse, plainTextResponse } from "@/lib/http/download-headers";
import { findTestRun } from "@/lib/connection-tests/find-test-runs";
import { traceDownloadJson, traceFileName } from "@/lib/connection-tests/trace-download";

export const dynamic = "force-dynamic";

export async function GET(
  request: Request,
  { params }: { params: Promise<{ connectionId: string; testRunId: string }> },
): Promise<Response> {
  const user = await authorizeDownload(request, "Download the trace from its test result page.");
  if (user instanceof Response) return user;
  const { connectionId, testRunId } = await params;
  const row = await findTestRun(connectionId, testRunId);
  if (!row) return plainTextResponse("No such test run.", 404);
  return downloadResponse(traceDownloadJson(row), "application/json; charset=utf-8", traceFileName(row.id));
}
