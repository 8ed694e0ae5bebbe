/**
 * Discovery lint: compares a connection with what its provider says it supports and points out
 * likely mistakes before the first test. Pure, so the review step and the detail page show the
 * same warnings. Nothing here blocks saving; the provider may support more than it advertises.
 * @see RFC 8414 §2 (defaults for omitted fields); OpenID Connect Discovery 1.0 §3
 */
import type { DiscoverySummary } from "@/lib/oauth/discovery-summary";
import { needsClientSecret } from "@/lib/oauth/client-auth/client-auth-methods";
import { lintDpop, lintRequestSecurity } from "@/lib/oauth/request-security-lint";
import { GRANT_TYPE_LABELS, usesAuthorizationCode, type GrantType } from "@/lib/connections/connection-options";

/** `addScope`: the one-click fix the console can apply (add this scope to the connection). */
export type LintWarning = { code: string; field?: string; message: string; addScope?: string };

export type LintedConnection = {
  grantType: GrantType;
  pkceMethod: string;
  clientAuthMethod: string;
  issuer: string | null;
  authorizationUrl: string | null;
  tokenUrl: string | null;
  userinfoUrl: string | null;
  revocationUrl: string | null;
  jwksUrl: string | null;
  scopes: readonly string[];
  autoRefresh: boolean;
  /** PAR mode and JAR (RFC 9126, RFC 9101); absent where a caller does not know them. */
  parMode?: string;
  useJar?: boolean;
  useDpop?: boolean;
};

/** The lint's view of form values, where an empty field means "not set". */
export function lintedConnectionFrom(values: {
  grantType: GrantType;
  pkceMethod: string;
  clientAuthMethod: string;
  issuer: string;
  authorizationUrl: string;
  tokenUrl: string;
  userinfoUrl: string;
  revocationUrl: string;
  jwksUrl: string;
  scopes: readonly string[];
  autoRefresh: boolean;
  parMode?: string;
  useJar?: boolean;
  useDpop?: boolean;
}): LintedConnection {
  const orNull = (v: string) => v.trim() || null;
  return {
    ...values,
    issuer: orNull(values.issuer),
    authorizationUrl: orNull(values.authorizationUrl),
    tokenUrl: orNull(values.tokenUrl),
    userinfoUrl: orNull(values.userinfoUrl),
    revocationUrl: orNull(values.revocationUrl),
    jwksUrl: orNull(values.jwksUrl),
  };
}

const ENDPOINTS = [
  { field: "authorizationUrl", label: "Authorization URL", metadataKey: "authorization_endpoint" },
  { field: "tokenUrl", label: "Token URL", metadataKey: "token_endpoint" },
  { field: "userinfoUrl", label: "Userinfo URL", metadataKey: "userinfo_endpoint" },
  { field: "revocationUrl", label: "Revocation URL", metadataKey: "revocation_endpoint" },
  { field: "jwksUrl", label: "JWKS URL", metadataKey: "jwks_uri" },
] as const;

/** Scopes providers use to grant refresh tokens. */
const REFRESH_SCOPES = ["offline_access", "refresh_token"];

function hostOf(value: string | null): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value).host.toLowerCase();
  } catch {
    return undefined;
  }
}

function listOrNone(list: readonly string[]): string {
  return list.length ? list.join(", ") : "none";
}

export function lintConnection(connection: LintedConnection, metadata: DiscoverySummary | null): LintWarning[] {
  const warnings: LintWarning[] = [];
  const codeFlow = usesAuthorizationCode(connection.grantType);

  if (connection.grantType === "authorization_code_pkce" && connection.pkceMethod === "plain") {
    warnings.push({
      code: "pkce_plain",
      field: "pkceMethod",
      message:
        "PKCE method plain sends the verifier in the clear; use S256 unless the provider cannot (RFC 7636 §4.2).",
    });
  }

  // Endpoints on another host than the issuer: often a typo, sometimes a mix-up of two providers.
  const issuerHost = hostOf(connection.issuer);
  if (issuerHost) {
    for (const endpoint of ENDPOINTS) {
      if (endpoint.field === "authorizationUrl" && !codeFlow) continue;
      const host = hostOf(connection[endpoint.field]);
      if (host && host !== issuerHost) {
        warnings.push({
          code: "endpoint_host",
          field: endpoint.field,
          message: `${endpoint.label} is on ${host}, not on the issuer's host ${issuerHost}.`,
        });
      }
    }
  }

  if (!metadata) return warnings;

  if (metadata.followed_redirects?.length) {
    warnings.push({
      code: "discovery_redirected",
      field: "issuer",
      message: `The discovery document moved on the issuer's origin and Handshake followed the redirect: ${metadata.followed_redirects.join(", ")}. Clients that do not follow redirects will not find the metadata; nothing to change on the connection.`,
    });
  }

  if (metadata.issuer && connection.issuer && metadata.issuer !== connection.issuer) {
    warnings.push({
      code: "issuer_mismatch",
      field: "issuer",
      message: `The discovery document names the issuer ${metadata.issuer}, but the connection uses ${connection.issuer}. ID tokens will not validate.`,
    });
  }

  const grantName = connection.grantType === "client_credentials" ? "client_credentials" : "authorization_code";
  if (metadata.grant_types_supported && !metadata.grant_types_supported.includes(grantName)) {
    warnings.push({
      code: "grant_type_unsupported",
      field: "grantType",
      message: `The metadata does not list ${grantName} (${GRANT_TYPE_LABELS[connection.grantType]}) in grant_types_supported (${listOrNone(metadata.grant_types_supported)}). Many providers support more than they list: test to find out.`,
    });
  }
  if (
    codeFlow &&
    connection.autoRefresh &&
    metadata.grant_types_supported &&
    !metadata.grant_types_supported.includes("refresh_token")
  ) {
    warnings.push({
      code: "refresh_grant_unlisted",
      field: "autoRefresh",
      message: `The metadata does not list refresh_token in grant_types_supported (${listOrNone(metadata.grant_types_supported)}). Many providers support more than they list: test to find out.`,
    });
  }
  if (codeFlow && metadata.response_types_supported && !metadata.response_types_supported.includes("code")) {
    warnings.push({
      code: "response_type_unsupported",
      field: "grantType",
      message: `The provider does not list the code response type: ${listOrNone(metadata.response_types_supported)}.`,
    });
  }

  // RFC 8414 §2: an omitted list means client_secret_basic only.
  const authMethods = metadata.token_endpoint_auth_methods_supported ?? ["client_secret_basic"];
  if (!authMethods.includes(connection.clientAuthMethod)) {
    warnings.push({
      code: "client_auth_unsupported",
      field: "clientAuthMethod",
      message: `The provider does not list ${connection.clientAuthMethod} among its client authentication methods (token_endpoint_auth_methods_supported): ${listOrNone(authMethods)}. It will likely refuse the client as invalid_client; choose a listed method unless the provider's documentation says otherwise.`,
    });
  }
  // A shared secret can leak from either side; a private key never leaves Handshake (RFC 7523 §2.2).
  if (needsClientSecret(connection.clientAuthMethod) && authMethods.includes("private_key_jwt")) {
    warnings.push({
      code: "private_key_jwt_available",
      field: "clientAuthMethod",
      message: `The provider supports private_key_jwt: the client can authenticate with a key Handshake generates and keeps, instead of the shared secret ${connection.clientAuthMethod} uses. Switch when the provider's app registration allows it (register the public key or the JWKS URL).`,
    });
  }

  if (codeFlow) warnings.push(...lintRequestSecurity(connection, metadata));
  warnings.push(...lintDpop(connection, metadata));

  if (connection.grantType === "authorization_code_pkce") {
    const methods = metadata.code_challenge_methods_supported;
    if (!methods) {
      warnings.push({
        code: "pkce_not_advertised",
        field: "pkceMethod",
        message:
          "The provider does not advertise PKCE support (code_challenge_methods_supported). It may ignore the code challenge.",
      });
    } else if (!methods.includes(connection.pkceMethod)) {
      warnings.push({
        code: "pkce_method_unsupported",
        field: "pkceMethod",
        message: `The provider does not list PKCE method ${connection.pkceMethod}: ${listOrNone(methods)}.`,
      });
    }
  }

  for (const endpoint of ENDPOINTS) {
    if (endpoint.field === "authorizationUrl" && !codeFlow) continue;
    const discovered = metadata[endpoint.metadataKey];
    const configured = connection[endpoint.field];
    if (discovered && configured && discovered !== configured) {
      warnings.push({
        code: "endpoint_differs",
        field: endpoint.field,
        message: `${endpoint.label} differs from the discovered ${endpoint.metadataKey} (${discovered}).`,
      });
    }
  }

  const offeredRefreshScope = REFRESH_SCOPES.find((s) => metadata.scopes_supported?.includes(s));
  if (
    codeFlow &&
    connection.autoRefresh &&
    offeredRefreshScope &&
    !REFRESH_SCOPES.some((s) => connection.scopes.includes(s))
  ) {
    warnings.push({
      code: "refresh_scope_missing",
      field: "scopes",
      message: `The provider's metadata lists the ${offeredRefreshScope} scope, which asks for a refresh token, and this connection does not request it. Refresh is on, so add it unless the provider issues refresh tokens without it.`,
      addScope: offeredRefreshScope,
    });
  }

  if (metadata.scopes_supported) {
    const unknown = connection.scopes.filter((s) => !metadata.scopes_supported!.includes(s));
    if (unknown.length > 0) {
      warnings.push({
        code: "scope_not_advertised",
        field: "scopes",
        message: `The provider does not advertise ${unknown.length === 1 ? "scope" : "scopes"} ${unknown.join(", ")}. Providers may still accept unlisted scopes.`,
      });
    }
  }

  return warnings;
}
