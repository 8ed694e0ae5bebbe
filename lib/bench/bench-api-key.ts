/**
 * The API key a benchmark calls the REST or token API with: every connection, shared tokens, and a
 * rate limit no run reaches (the benchmark measures the server, not the limiter). Imported late, as
 * the benchmarks import the app's modules only after setting DATA_DIR and the database URL.
 */
import type { AuditActor } from "@/lib/audit/record-audit-event";
import type { ApiPermission } from "@/lib/api-keys/permissions";

export async function createBenchApiKey(actor: AuditActor, name: string, permission: ApiPermission): Promise<string> {
  const { createApiKey } = await import("@/lib/api-keys/manage-api-keys");
  const { key } = await createApiKey(actor, {
    name,
    permissions: [permission],
    access: "all",
    connectionIds: [],
    userAccess: "SHARED_ONLY",
    userIds: [],
    expiresOn: "",
    rateLimitPerMinute: 100_000,
  });
  return key;
}
