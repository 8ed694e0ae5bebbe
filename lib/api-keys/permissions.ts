/**
 * What an API key may do. Each /api/v1 route names the one permission it needs
 * (lib/api/with-api-key.ts); a key holds a set of them. Keys from before permissions existed,
 * and new keys unless the admin chooses more, hold only tokens:read (least privilege).
 */
export const API_PERMISSIONS = [
  "tokens:read",
  "connections:read",
  "connections:write",
  "tests:run",
  "audit:read",
] as const;
export type ApiPermission = (typeof API_PERMISSIONS)[number];

export const DEFAULT_PERMISSIONS: readonly ApiPermission[] = ["tokens:read"];

export const PERMISSION_LABELS: Record<ApiPermission, string> = {
  "tokens:read": "Read access tokens",
  "connections:read": "Read connections (never their secrets)",
  "connections:write": "Create, change and delete connections",
  "tests:run": "Run connection tests and read their results",
  "audit:read": "Read the audit trail and its verification",
};

/** The stored form (ApiKey.permissions): the permissions in their canonical order, space-separated. */
export function formatPermissions(permissions: readonly ApiPermission[]): string {
  return API_PERMISSIONS.filter((p) => permissions.includes(p)).join(" ");
}

/** Unknown words in the stored value are dropped: a permission is never granted by accident. */
export function parsePermissions(stored: string | null | undefined): ApiPermission[] {
  const words = new Set((stored ?? "").split(/\s+/));
  return API_PERMISSIONS.filter((p) => words.has(p));
}
