import { withApiKey } from "@/lib/api/with-api-key";
import { apiJson } from "@/lib/api/api-json";
import { verifyAuditChainForApi } from "@/lib/api/audit-resources";

export const dynamic = "force-dynamic";

/** Authenticated by the API gate (audit:read, a key for all connections), not a session. */
export const GET = withApiKey({ permission: "audit:read" }, async ({ key }) =>
  apiJson(await verifyAuditChainForApi(key)),
);
