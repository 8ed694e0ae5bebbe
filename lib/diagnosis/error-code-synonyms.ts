/**
 * Non-standard error codes providers send from the token endpoint, mapped to the RFC 6749 §5.2
 * code whose diagnosis fits. The provider's own code is still shown with the diagnosis.
 * Keys are compared lower-case.
 */
const SYNONYMS: Record<string, string> = {
  // The client failed to authenticate.
  invalid_credentials: "invalid_client",
  invalid_client_credentials: "invalid_client",
  bad_client_credentials: "invalid_client",
  invalid_client_secret: "invalid_client",
  invalid_client_id: "invalid_client",
  client_authentication_failed: "invalid_client",
  authentication_failed: "invalid_client",
  unauthenticated: "invalid_client",
  // The grant (code or refresh token) was refused.
  invalid_code: "invalid_grant",
  invalid_authorization_code: "invalid_grant",
  code_expired: "invalid_grant",
  expired_code: "invalid_grant",
  invalid_refresh_token: "invalid_grant",
  expired_refresh_token: "invalid_grant",
  // Scopes.
  scope_invalid: "invalid_scope",
  invalid_scopes: "invalid_scope",
  unknown_scope: "invalid_scope",
  scope_not_allowed: "invalid_scope",
  insufficient_scope: "invalid_scope",
  // The client may not use this grant.
  grant_type_not_allowed: "unauthorized_client",
  unauthorized_grant_type: "unauthorized_client",
  client_not_authorized: "unauthorized_client",
  unsupported_grant: "unsupported_grant_type",
  invalid_grant_type: "unsupported_grant_type",
  // Resource indicators and audiences (RFC 8707).
  invalid_resource: "invalid_target",
  invalid_audience: "invalid_target",
  unknown_audience: "invalid_target",
};

/** The standard code a provider's code stands for, or undefined when it is standard or unknown. */
export function standardCodeFor(code: string): string | undefined {
  return SYNONYMS[code.toLowerCase()];
}
