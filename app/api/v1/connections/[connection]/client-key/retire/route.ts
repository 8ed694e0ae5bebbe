import { withApiKey } from "@/lib/api/with-api-key";
import { apiJson } from "@/lib/api/api-json";
import { retireOldClientKeyForApi } from "@/lib/api/client-key-rotation-resources";

export const dynamic = "force-dynamic";

/** Authenticated by the API gate (connections:write): the old key leaves the JWKS before its grace ends. */
export const POST = withApiKey<{ connection: string }>(
  { permission: "connections:write" },
  async ({ key, params, actor }) => apiJson(await retireOldClientKeyForApi(key, params.connection, actor)),
);
