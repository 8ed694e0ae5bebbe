import { withApiKey } from "@/lib/api/with-api-key";
import { apiJson, parseApiQuery } from "@/lib/api/api-json";
import { listConnectionsForApi } from "@/lib/api/connection-resources";
import { connectionListQuerySchema } from "@/lib/api/resource-schemas";

export const dynamic = "force-dynamic";

/** Authenticated by the API gate (connections:read), not a session. */
export const GET = withApiKey({ permission: "connections:read" }, async ({ key, url }) =>
  apiJson(await listConnectionsForApi(key, parseApiQuery(connectionListQuerySchema, url))),
);
