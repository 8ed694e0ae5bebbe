import { withApiKey } from "@/lib/api/with-api-key";
import { apiJson } from "@/lib/api/api-json";
import { getConnectionForApi } from "@/lib/api/connection-resources";

export const dynamic = "force-dynamic";

/** Authenticated by the API gate (connections:read), not a session. */
export const GET = withApiKey<{ connection: string }>({ permission: "connections:read" }, async ({ key, params }) => {
  const connection = await getConnectionForApi(key, params.connection);
  // RFC 9110 §8.8.3: the version is what a later If-Match names.
  return apiJson(connection, { headers: { ETag: `"${connection.version}"` } });
});
