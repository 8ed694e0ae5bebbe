// GET /api/v1/connections/{id}/jwks.json - the connection's public key set for providers that fetch
// it (RFC 7517 §5; RFC 7523 §3 lets the provider verify assertions with it). Public by design, so no
// API key (the API gate's one other exception is /api/v1/ping): it serves public keys only and answers
// 404 alike for an unknown connection and one that does not use private_key_jwt. A connection with
// self_signed_tls_client_auth publishes its certificate there (x5c, RFC 8705 §2.2).
import { ApplicationError } from "@/lib/errors/application-error";
import { problemResponse } from "@/lib/errors/problem-details";
import { recordIdSchema } from "@/lib/schemas/record-id";
import { JWKS_CACHE_CONTROL, findConnectionJwks } from "@/lib/connections/connection-client-key";
import { findCertificateJwks } from "@/lib/connections/connection-client-certificate";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ connection: string }> }): Promise<Response> {
  const { connection } = await context.params;
  const jwks = recordIdSchema.safeParse(connection).success
    ? ((await findConnectionJwks(connection)) ?? (await findCertificateJwks(connection)))
    : null;
  if (!jwks) return problemResponse(new ApplicationError("No key set is published at this address.", "not_found"));
  return Response.json(jwks, {
    headers: { "Cache-Control": JWKS_CACHE_CONTROL, "Content-Type": "application/jwk-set+json" },
  });
}
