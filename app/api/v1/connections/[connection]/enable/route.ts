import { withApiKey } from "@/lib/api/with-api-key";
import { apiJson } from "@/lib/api/api-json";
import { getConnectionForApi } from "@/lib/api/connection-resources";
import { setConnectionEnabledForApi } from "@/lib/api/connection-write-resources";

export const dynamic = "force-dynamic";

/** Authenticated by the API gate (connections:write); answers with the connection. */
export const POST = withApiKey<{ connection: string }>(
  { permission: "connections:write" },
  async ({ key, params, actor }) => {
    const id = await setConnectionEnabledForApi(key, params.connection, actor, true);
    const connection = await getConnectionForApi(key, id);
    return apiJson(connection, { headers: { ETag: `"${connection.version}"` } });
  },
);
