import { getSessionUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config/env";
import { NO_STORE } from "@/lib/http/no-store";
import { withApiKey } from "@/lib/api/with-api-key";
import { buildOpenApiDocument } from "@/lib/tokens/openapi-document";

export const dynamic = "force-dynamic";

const document = () => Response.json(buildOpenApiDocument(getConfig().appUrl), { headers: NO_STORE });

/** Any valid key may read the document, whatever its permissions: it describes what a key could do. */
const withKey = withApiKey({ permission: "any" }, async () => document());

/** For holders of a valid API key (checked by the API gate) and for signed-in console users. */
export async function GET(request: Request): Promise<Response> {
  if (!request.headers.has("authorization") && (await getSessionUser())) return document();
  return withKey(request, { params: {} });
}
