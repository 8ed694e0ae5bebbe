import { withApiKey } from "@/lib/api/with-api-key";
import { connectionAnswer } from "@/lib/api/connection-resources";
import { setConnectionEnabledForApi } from "@/lib/api/connection-write-resources";

export const dynamic = "force-dynamic";

/** Turns the connection back on, audited (authenticated by the API gate, connections:write); answers with the connection. */
export const POST = withApiKey<{ connection: string }>(
  { permission: "connections:write" },
  async ({ key, params, actor }) =>
    connectionAnswer(key, await setConnectionEnabledForApi(key, params.connection, actor, true)),
);
