import { withApiKey } from "@/lib/api/with-api-key";
import { connectionAnswer } from "@/lib/api/connection-resources";
import { deleteConnectionForApi, patchConnectionForApi } from "@/lib/api/connection-write-resources";

export const dynamic = "force-dynamic";

type Params = { connection: string };

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
