import { withApiKey } from "@/lib/api/with-api-key";
import { apiJson } from "@/lib/api/api-json";
import { runConnectionTestForApi } from "@/lib/api/test-resources";

export const dynamic = "force-dynamic";

/** Authenticated by the API gate (tests:run), not a session; answers when the test has finished. */
export const POST = withApiKey<{ connection: string }>({ permission: "tests:run" }, async ({ key, params, actor }) => {
  const run = await runConnectionTestForApi(key, params.connection, actor);
  return apiJson(run, { status: 201, headers: { Location: `/api/v1/tests/${run.id}` } });
});
