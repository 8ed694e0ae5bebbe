import { getSessionUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config/env";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { NO_STORE } from "@/lib/http/no-store";
import { problemResponse } from "@/lib/errors/problem-details";
import { TokenApiProblem } from "@/lib/tokens/problem-response";
import { buildOpenApiDocument } from "@/lib/tokens/openapi-document";

export const dynamic = "force-dynamic";

/** For signed-in console users and for holders of a valid API key. */
export async function GET(request: Request): Promise<Response> {
  const signedIn = await getSessionUser();
  if (!signedIn) {
    const check = await authenticateApiKey(request.headers.get("authorization"));
    if (!check.ok) {
      return problemResponse(
        new TokenApiProblem(
          "invalid-api-key",
          "Sign in to the console, or send an API key as Authorization: Bearer <key>.",
          {
            challengeError: check.reason === "missing" ? undefined : "invalid_token",
          },
        ),
      );
    }
  }
  return Response.json(buildOpenApiDocument(getConfig().appUrl), { headers: NO_STORE });
}
