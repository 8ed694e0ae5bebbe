import { withApiKey } from "@/lib/api/with-api-key";
import { putClientSecretForApi } from "@/lib/api/connection-write-resources";

export const dynamic = "force-dynamic";

/** Authenticated by the API gate (connections:write). Write-only: no answer ever carries the secret. */
export const PUT = withApiKey<{ connection: string }>(
  { permission: "connections:write" },
  async ({ key, params, actor, request }) => {
    await putClientSecretForApi(key, params.connection, actor, request);
    return new Response(null, { status: 204 });
  },
);
