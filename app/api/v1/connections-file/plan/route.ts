import { withApiKey } from "@/lib/api/with-api-key";
import { apiJson, parseApiQuery } from "@/lib/api/api-json";
import { importQuerySchema, planConnectionsFileForApi } from "@/lib/api/connections-file-resources";

export const dynamic = "force-dynamic";

/** Authenticated by the API gate (connections:write): what applying the posted file would change; changes nothing. */
export const POST = withApiKey({ permission: "connections:write" }, async ({ key, url, request }) =>
  apiJson(await planConnectionsFileForApi(key, request, parseApiQuery(importQuerySchema, url))),
);
