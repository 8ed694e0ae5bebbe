import { withApiKey } from "@/lib/api/with-api-key";
import { apiJson, parseApiQuery } from "@/lib/api/api-json";
import { connectionAnswer, listConnectionsForApi } from "@/lib/api/connection-resources";
import { createConnectionForApi } from "@/lib/api/connection-write-resources";
import { connectionListQuerySchema } from "@/lib/api/resource-schemas";

export const dynamic = "force-dynamic";

/** Authenticated by the API gate (connections:read), not a session. */
export const GET = withApiKey({ permission: "connections:read" }, async ({ key, url }) =>
  apiJson(await listConnectionsForApi(key, parseApiQuery(connectionListQuerySchema, url))),
);

/** Authenticated by the API gate (connections:write); answers with the new connection and its ETag. */
export const POST = withApiKey({ permission: "connections:write" }, async ({ key, actor, request }) => {
  const id = await createConnectionForApi(key, actor, request);
  return connectionAnswer(key, id, { status: 201, headers: { Location: `/api/v1/connections/${id}` } });
});
