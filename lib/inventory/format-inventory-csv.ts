import { defineCsvLayout } from "@/lib/csv/format-csv";
import type { InventoryRow } from "@/lib/inventory/list-inventory";
import { healthProblemTrigger } from "@/lib/connections/health-problem";

export const INVENTORY_CSV = defineCsvLayout<InventoryRow>([
  ["name", (r) => r.name],
  ["id", (r) => r.id],
  ["provider", (r) => r.providerType],
  ["grant_type", (r) => r.grantType],
  ["status", (r) => r.status],
  ["enabled", (r) => r.enabled],
  ["health", (r) => r.health],
  ["last_tested_at", (r) => r.lastTestedAt],
  ["last_test_status", (r) => r.lastTestStatus],
  ["check_schedule", (r) => r.checkSchedule],
  ["last_check_at", (r) => r.lastCheckAt],
  ["next_check_at", (r) => r.nextCheckAt],
  ["token_sets", (r) => r.token.count],
  ["tokens_expired", (r) => r.token.expiredCount],
  ["token_valid_until", (r) => r.token.validUntil],
  ["refresh_token_present", (r) => r.token.refreshTokenPresent],
  ["token_last_refreshed_at", (r) => r.token.lastRefreshedAt],
  ["client_secret_set_at", (r) => r.clientSecretSetAt],
  ["client_secret_age_days", (r) => r.clientSecretAgeDays],
  ["client_secret_expires_on", (r) => r.clientSecretExpiresOn],
  ["client_secret_expires_in_days", (r) => r.clientSecretExpiresInDays],
  ["created_by", (r) => r.createdBy],
  ["created_at", (r) => r.createdAt],
  ["last_changed_by", (r) => r.updatedBy],
  ["last_changed_at", (r) => r.updatedAt],
  ["problem", (r) => r.problem?.title ?? null],
  ["problem_at", (r) => r.problem?.at ?? null],
  ["problem_trigger", (r) => (r.problem ? healthProblemTrigger(r.problem) : null)],
]);
