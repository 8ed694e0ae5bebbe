import { withApiKey } from "@/lib/api/with-api-key";
import { apiJson, parseApiQuery } from "@/lib/api/api-json";
import { listAuditEventsForApi } from "@/lib/api/audit-resources";
import { auditListQuerySchema } from "@/lib/api/resource-schemas";

export const dynamic = "force-dynamic";

/** Authenticated by the API gate (audit:read), not a session. */
export const GET = withApiKey({ permission: "audit:read" }, async ({ key, url }) =>
  apiJson(await listAuditEventsForApi(key, parseApiQuery(auditListQuerySchema, url))),
);
