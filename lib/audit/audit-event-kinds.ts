/** Every kind of audit event. Stored as the event's `action`. */
export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_delay_sustained",
  "auth.password_change_failed",
  "auth.password_changed",
  "auth.sign_out",
  "auth.session_expired",
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
  "token.refresh_failed",
  "api_key.created",
  "api_key.revoked",
  "keys.rotated",
  "audit.exported",
  "audit.pruned",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** How each action reads on the Audit page. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_in_delay_sustained": "Sign-in delay held up for an account",
  "auth.password_change_failed": "Password change failed",
  "auth.password_changed": "Own password changed",
  "auth.sign_out": "Signed out",
  "auth.session_expired": "Session expired",
  "setup.completed": "Setup completed",
  "user.created": "User created",
  "user.role_changed": "User role changed",
  "user.disabled": "User disabled",
  "user.enabled": "User enabled",
  "user.password_reset": "User password reset",
  "connection.created": "Connection created",
  "connection.updated": "Connection updated",
  "connection.duplicated": "Connection duplicated",
  "connection.disabled": "Connection disabled",
  "connection.enabled": "Connection enabled",
  "connection.deleted": "Connection deleted",
  "connection.secret_rotated": "Client secret rotated",
  "connection.tested": "Connection tested",
  "connection.authorized": "Authorization completed",
  "token.refreshed": "Token refreshed",
  "token.refresh_failed": "Token refresh failed",
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
  "keys.rotated": "Encryption key rotated",
  "audit.exported": "Audit exported",
  "audit.pruned": "Audit pruned",
};

export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action] : action;
}
