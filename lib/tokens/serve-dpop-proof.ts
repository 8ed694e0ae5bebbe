/**
 * POST /api/v1/connections/{id or name}/dpop-proof: a DPoP-bound token (RFC 9449) is useless to a
 * bot without the key, and the key never leaves the console, so the console signs one proof for the
 * bot's next request: htm, htu (without query and fragment), a fresh jti and iat, ath of the
 * current access token, the server's nonce when given. Through the API gate with the token read's
 * permission, rate limit and counting; an htu that is not https (or http where the outbound policy
 * allows it) is refused as an RFC 9457 problem.
 */
import { prisma as db } from "@/lib/db/prisma";
import { getConfig } from "@/lib/config/env";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { recordTokenRead } from "@/lib/api-keys/usage-recorder";
import { withApiKey } from "@/lib/api/with-api-key";
import type { RequestContext } from "@/lib/http/request-context";
import { NO_STORE } from "@/lib/http/no-store";
import { readTokenRequest, type TokenRequestRead } from "@/lib/tokens/read-token-request";
import { TokenApiProblem } from "@/lib/tokens/problem-response";
import { allowedConnection, findTokenSet } from "@/lib/tokens/serve-token";
import { dpopProofRequestSchema, type dpopProofResponseSchema } from "@/lib/tokens/token-api-schemas";
import { openDpopKey } from "@/lib/connections/client-profile";
import { createDpopProof, dpopThumbprintOf, proofTargetOf } from "@/lib/oauth/dpop";
import type { z } from "zod";

type ProofParams = { connection: string };

const proofRoute = withApiKey<ProofParams, { read: TokenRequestRead }>(
  {
    permission: "tokens:read",
    load: async ({ keyHash, params }) => {
      const read = await readTokenRequest({ keyHash, connectionRef: params.connection });
      return { key: read.key, loaded: { read } };
    },
  },
  async ({ request, key, context, params, loaded: { read } }) => {
    const input = dpopProofRequestSchema.safeParse(await request.json().catch(() => undefined));
    if (!input.success)
      throw new TokenApiProblem("invalid-request", input.error.issues.map((i) => i.message).join(" "));
    const htu = checkedProofTarget(input.data.htu, getConfig().outboundAllowHttp);
    const view = allowedConnection(key, read, params.connection);
    const connection = await db.connection.findUnique({ where: { id: view.id } });
    const dpopKey = connection ? openDpopKey(connection) : undefined;
    if (!dpopKey)
      throw new TokenApiProblem(
        "invalid-request",
        "This connection does not use DPoP: send its token as a Bearer token, no proof is needed.",
        { connectionId: view.id },
      );
    const tokenSet = await findTokenSet(key, view, read, undefined);
    if (!tokenSet.accessTokenEncrypted)
      throw new TokenApiProblem("no-token-set", "No access token yet: read the token first, then ask for a proof.", {
        connectionId: view.id,
      });
    const accessToken = decryptSecret(tokenSet.accessTokenEncrypted, { recordId: tokenSet.id, field: "accessToken" });
    const proof = await createDpopProof(dpopKey, { htm: input.data.htm, htu, nonce: input.data.nonce, accessToken });
    recordTokenRead(db, {
      apiKeyId: key.id,
      connectionId: view.id,
      tokenSetId: tokenSet.id,
      ip: context.ip,
      userAgent: context.userAgent,
    });
    const body: z.infer<typeof dpopProofResponseSchema> = {
      proof,
      jkt: dpopThumbprintOf(dpopKey.publicJwk),
      htm: input.data.htm.toUpperCase(),
      htu: proofTargetOf(htu),
    };
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { ...NO_STORE, "Content-Type": "application/json" },
    });
  },
);

export function serveDpopProofRequest(
  request: Request,
  connectionRef: string,
  context: RequestContext,
): Promise<Response> {
  return proofRoute(request, { params: { connection: connectionRef } }, context);
}

/** https, or http only where the outbound policy allows it (OUTBOUND_ALLOW_HTTP), as for every provider URL. */
export function checkedProofTarget(htu: string, allowHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(htu);
  } catch {
    throw new TokenApiProblem("invalid-request", "htu must be an absolute https URL.");
  }
  const allowed = url.protocol === "https:" || (url.protocol === "http:" && allowHttp);
  if (!allowed)
    throw new TokenApiProblem(
      "invalid-request",
      url.protocol === "http:"
        ? "htu must be an https URL: this console's outbound policy does not allow plain http."
        : "htu must be an https URL.",
    );
  return url.toString();
}
