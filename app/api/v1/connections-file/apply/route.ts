import { withApiKey } from "@/lib/api/with-api-key";
import { apiJson, parseApiQuery } from "@/lib/api/api-json";
import { applyConnectionsFileForApi, importQuerySchema } from "@/lib/api/connections-file-resources";

export const dynamic = "force-dynamic";

/** Authenticated by the API gate (connections:write): applies the posted file all or nothing, audited with the key. */
export const POST = withApiKey({ permission: "connections:write" }, async ({ key, url, actor, request }) =>
  apiJson(await applyConnectionsFileForApi(key, actor, request, parseApiQuery(importQuerySchema, url))),
);
