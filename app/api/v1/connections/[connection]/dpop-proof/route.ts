import { requestContextFrom } from "@/lib/http/request-context";
import { serveDpopProofRequest } from "@/lib/tokens/serve-dpop-proof";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ connection: string }> };

/** Authenticated by the API key in the Authorization header (checked in serveDpopProofRequest), not a session. */
export async function POST(request: Request, { params }: Params): Promise<Response> {
  const { connection } = await params;
  return serveDpopProofRequest(request, connection, requestContextFrom(request.headers));
}
