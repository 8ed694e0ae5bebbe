/** Every kind of audit event. Stored as the event's `action`. */
export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_out",
  "setup.completed",
  "user.created",
  "user.role_changed",
  "user.disabled",
  "user.enabled",
  "user.password_reset",
  "connection.created",
  "connection.updated",
  "connection.duplicated",
  "connection.disabled",
  "connection.enabled",
  "connection.deleted",
  "connection.secret_rotated",
  "connection.tested",
  "connection.authorized",
  "token.refreshed",
  "keys.rotated",
  "audit.exported",
  "audit.pruned",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
