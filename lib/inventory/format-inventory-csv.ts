import { formatCsvLine } from "@/lib/csv/format-csv";
import type { InventoryRow } from "@/lib/inventory/list-inventory";

export const INVENTORY_CSV_COLUMNS = [
  "name",
  "id",
  "provider",
  "grant_type",
  "status",
  "enabled",
  "health",
  "last_tested_at",
  "last_test_status",
  "token_sets",
  "tokens_expired",
  "token_valid_until",
  "refresh_token_present",
  "token_last_refreshed_at",
  "client_secret_set_at",
  "client_secret_age_days",
  "created_by",
  "created_at",
  "last_changed_by",
  "last_changed_at",
] as const;

export function inventoryCsvHeader(): string {
  return formatCsvLine(INVENTORY_CSV_COLUMNS);
}

export function inventoryRowToCsvLine(r: InventoryRow): string {
  return formatCsvLine([
    r.name,
    r.id,
    r.providerType,
    r.grantType,
    r.status,
    r.enabled,
    r.health,
    r.lastTestedAt,
    r.lastTestStatus,
    r.token.count,
    r.token.expiredCount,
    r.token.validUntil,
    r.token.refreshTokenPresent,
    r.token.lastRefreshedAt,
    r.clientSecretSetAt,
    r.clientSecretAgeDays,
    r.createdBy,
    r.createdAt,
    r.updatedBy,
    r.updatedAt,
  ]);
}
