// GET /api/connections/:connectionId/tests/:testRunId/trace - one test run's redacted trace as a JSON file.
import { authorizeRoute } from "@/lib/auth/session";
import { downloadHeaders, isCrossOriginRequest, plainTextResponse } from "@/lib/http/download-headers";
import { findTestRun } from "@/lib/connection-tests/find-test-runs";
import { traceDownloadJson, traceFileName } from "@/lib/connection-tests/trace-download";

export const dynamic = "force-dynamic";

export async function GET(
  request: Request,
  { params }: { params: Promise<{ connectionId: string; testRunId: string }> },
): Promise<Response> {
  const user = await authorizeRoute("AUDITOR");
  if (user instanceof Response) return user;
  if (isCrossOriginRequest(request)) return plainTextResponse("Download the trace from its test result page.", 403);
  const { connectionId, testRunId } = await params;
  const row = await findTestRun(connectionId, testRunId);
  if (!row) return plainTextResponse("No such test run.", 404);
  return new Response(traceDownloadJson(row), {
    headers: downloadHeaders("application/json; charset=utf-8", traceFileName(row.id)),
  });
}
