import type { ProviderMetadata } from "@/lib/oauth/protocol-types";

const MTLS_ALIASED_ENDPOINTS = [
  "token_endpoint",
  "revocation_endpoint",
  "introspection_endpoint",
  "userinfo_endpoint",
  "pushed_authorization_request_endpoint",
  "device_authorization_endpoint",
] as const;

/**
 * The endpoints a client presenting a certificate must use instead (RFC 8705 §5), when discovery
 * lists them; an endpoint typed as discovered (after "Import from discovery") still gets its alias.
 */
export function mtlsEndpointAliases(
  discovered: ProviderMetadata,
  typed: Record<string, string>,
): Record<string, string> {
  const aliases = discovered.mtls_endpoint_aliases;
  if (!aliases || typeof aliases !== "object") return {};
  const out: Record<string, string> = {};
  for (const name of MTLS_ALIASED_ENDPOINTS) {
    const value = (aliases as Record<string, unknown>)[name];
    if (typeof value === "string" && value && (!typed[name] || typed[name] === discovered[name])) out[name] = value;
  }
  return out;
}
