import { withApiKey } from "@/lib/api/with-api-key";
import { apiJson } from "@/lib/api/api-json";
import { putClientKeyForApi } from "@/lib/api/connection-write-resources";
import { getClientKeyRotationForApi } from "@/lib/api/client-key-rotation-resources";

export const dynamic = "force-dynamic";

/** Authenticated by the API gate (connections:read): the keys' public halves and the rotation's state. */
export const GET = withApiKey<{ connection: string }>({ permission: "connections:read" }, async ({ key, params }) =>
  apiJson(await getClientKeyRotationForApi(key, params.connection)),
);

/** Authenticated by the API gate (connections:write). The private key never comes back. */
export const PUT = withApiKey<{ connection: string }>(
  { permission: "connections:write" },
  async ({ key, params, actor, request }) => apiJson(await putClientKeyForApi(key, params.connection, actor, request)),
);
