import { withApiKey } from "@/lib/api/with-api-key";
import { apiJson } from "@/lib/api/api-json";
import { getConnectionForApi } from "@/lib/api/connection-resources";
import { deleteConnectionForApi, patchConnectionForApi } from "@/lib/api/connection-write-resources";

export const dynamic = "force-dynamic";

type Params = { connection: string };

/** The connection with its version as ETag (RFC 9110 §8.8.3): what a later If-Match names. */
async function connectionAnswer(key: Parameters<typeof getConnectionForApi>[0], ref: string): Promise<Response> {
  const connection = await getConnectionForApi(key, ref);
  return apiJson(connection, { headers: { ETag: `"${connection.version}"` } });
}

/** Authenticated by the API gate (connections:read), not a session. */
export const GET = withApiKey<Params>({ permission: "connections:read" }, async ({ key, params }) =>
  connectionAnswer(key, params.connection),
);

/** Authenticated by the API gate (connections:write); needs If-Match. */
export const PATCH = withApiKey<Params>({ permission: "connections:write" }, async ({ key, params, actor, request }) =>
  connectionAnswer(key, await patchConnectionForApi(key, params.connection, actor, request)),
);

/** Authenticated by the API gate (connections:write): the connection, its tokens and test runs. */
export const DELETE = withApiKey<Params>({ permission: "connections:write" }, async ({ key, params, actor }) => {
  await deleteConnectionForApi(key, params.connection, actor);
  return new Response(null, { status: 204 });
});
