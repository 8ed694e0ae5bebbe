import { withApiKey } from "@/lib/api/with-api-key";
import { apiJson } from "@/lib/api/api-json";
import { discardNextClientKeyForApi, prepareNextClientKeyForApi } from "@/lib/api/client-key-rotation-resources";

export const dynamic = "force-dynamic";

/** Authenticated by the API gate (connections:write): prepares the next key; the private key never comes back. */
export const POST = withApiKey<{ connection: string }>(
  { permission: "connections:write" },
  async ({ key, params, actor, request }) =>
    apiJson(await prepareNextClientKeyForApi(key, params.connection, actor, request), { status: 201 }),
);

/** Authenticated by the API gate (connections:write): the prepared next key leaves the connection and the JWKS. */
export const DELETE = withApiKey<{ connection: string }>(
  { permission: "connections:write" },
  async ({ key, params, actor }) => {
    await discardNextClientKeyForApi(key, params.connection, actor);
    return new Response(null, { status: 204 });
  },
);
