import { withApiKey } from "@/lib/api/with-api-key";
import { apiJson } from "@/lib/api/api-json";
import { switchClientKeyForApi } from "@/lib/api/client-key-rotation-resources";

export const dynamic = "force-dynamic";

/** Authenticated by the API gate (connections:write): refused until a test with the next key passed. */
export const POST = withApiKey<{ connection: string }>(
  { permission: "connections:write" },
  async ({ key, params, actor, request }) =>
    apiJson(await switchClientKeyForApi(key, params.connection, actor, request)),
);
