import { requestContextFrom } from "@/lib/http/request-context";
import { serveTokenRequest } from "@/lib/tokens/serve-token";
import { observeTokenRequest } from "@/lib/metrics/process-metrics";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ connection: string }> };

/** Authenticated by the API key in the Authorization header (checked in serveTokenRequest), not a session. */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  const { connection } = await params;
  return observeTokenRequest(() => serveTokenRequest(request, connection, requestContextFrom(request.headers)));
}
