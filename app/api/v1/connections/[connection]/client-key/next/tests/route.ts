import { withApiKey } from "@/lib/api/with-api-key";
import { apiJson } from "@/lib/api/api-json";
import { testNextClientKeyForApi } from "@/lib/api/client-key-rotation-resources";

export const dynamic = "force-dynamic";

/** Authenticated by the API gate (tests:run): a client-credentials test signed with the next key. */
export const POST = withApiKey<{ connection: string }>({ permission: "tests:run" }, async ({ key, params, actor }) => {
  const run = await testNextClientKeyForApi(key, params.connection, actor);
  return apiJson(run, { status: 201, headers: { Location: `/api/v1/tests/${run.id}` } });
});
