/** The parameters each kind of token request carries beyond the grant itself (RFC 6749 §4, RFC 8707). */
import type { ConnectionSettings } from "@/lib/connections/connection-settings";

type TokenRequestKind = "client_credentials" | "authorization_code" | "refresh_token";

/**
 * Extra parameters per token request. The additional token parameters and the audience go to
 * the grant request only, never to refresh (refresh carries just the resource, RFC 8707 §2.2).
 */
export function tokenRequestParameters(settings: ConnectionSettings, kind: TokenRequestKind): Record<string, string> {
  const params: Record<string, string> = {};
  if (kind !== "refresh_token") for (const { key, value } of settings.tokenParams) params[key] = value;
  if (kind === "client_credentials") {
    if (settings.scopes.length > 0) params.scope = settings.scopes.join(" ");
    if (settings.audience) params.audience = settings.audience;
  }
  if (settings.resource) params.resource = settings.resource;
  return params;
}
