import { withApiKey } from "@/lib/api/with-api-key";
import { apiJson } from "@/lib/api/api-json";
import { getTestRunForApi } from "@/lib/api/test-resources";

export const dynamic = "force-dynamic";

/** Authenticated by the API gate (tests:run), not a session. */
export const GET = withApiKey<{ test: string }>({ permission: "tests:run" }, async ({ key, params }) =>
  apiJson(await getTestRunForApi(key, params.test)),
);
