import { withApiKey } from "@/lib/api/with-api-key";
import { parseApiQuery } from "@/lib/api/api-json";
import { exportConnectionsFileForApi, exportQuerySchema } from "@/lib/api/connections-file-resources";

export const dynamic = "force-dynamic";

/** Authenticated by the API gate (connections:read): the connections file, secrets as env references. */
export const GET = withApiKey({ permission: "connections:read" }, async ({ key, url }) =>
  exportConnectionsFileForApi(key, parseApiQuery(exportQuerySchema, url)),
);
