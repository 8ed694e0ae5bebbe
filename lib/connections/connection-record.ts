/**
 * Mapping between a stored Connection row and what the console works with: form values (the
 * secret is never among them), the read-only view of the detail page, the snapshot audit diffs
 * compare, and the columns a validated input writes.
 */
import type { Connection } from "@/lib/db/generated/client";
import type { ConnectionDraftInput, ConnectionFormValues } from "@/lib/schemas/connection";
import { CLIENT_AUTH_METHODS, GRANT_TYPES, PKCE_METHODS, TOKEN_SHARING } from "@/lib/oauth/connection-options";
import { parseStoredDiscovery } from "@/lib/oauth/discovery-summary";
import { API_CHECK_METHODS, BASIC_AUTH_ENCODINGS } from "@/lib/oauth/connection-options";

type KeyValue = { key: string; value: string };

function parseJson<T>(text: string | null, fallback: T, isValid: (v: unknown) => boolean): T {
  if (!text) return fallback;
  try {
    const value: unknown = JSON.parse(text);
    return isValid(value) ? (value as T) : fallback;
  } catch {
    return fallback;
  }
}

export function parseScopes(text: string): string[] {
  return parseJson<string[]>(text, [], (v) => Array.isArray(v) && v.every((s) => typeof s === "string"));
}

export function parseKeyValues(text: string): KeyValue[] {
  return parseJson<KeyValue[]>(
    text,
    [],
    (v) => Array.isArray(v) && v.every((r) => r && typeof r === "object" && typeof r.key === "string" && typeof r.value === "string"),
  );
}

export function parseProviderParams(text: string): Record<string, string> {
  return parseJson<Record<string, string>>(
    text,
    {},
    (v) => Boolean(v) && typeof v === "object" && !Array.isArray(v) && Object.values(v as object).every((x) => typeof x === "string"),
  );
}

function oneOf<T extends string>(list: readonly T[], value: string, fallback: T): T {
  return (list as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Form values of a stored connection. The secret field is always empty: it is write-only. */
export function connectionFormValuesFrom(row: Connection): ConnectionFormValues {
  return {
    providerType: row.providerType,
    providerParams: parseProviderParams(row.providerParams),
    name: row.name,
    description: row.description ?? "",
    grantType: oneOf(GRANT_TYPES, row.grantType, "authorization_code_pkce"),
    pkceMethod: oneOf(PKCE_METHODS, row.pkceMethod, "S256"),
    issuer: row.issuer ?? "",
    authorizationUrl: row.authorizationUrl ?? "",
    tokenUrl: row.tokenUrl ?? "",
    userinfoUrl: row.userinfoUrl ?? "",
    revocationUrl: row.revocationUrl ?? "",
    jwksUrl: row.jwksUrl ?? "",
    discoveryMetadata: parseStoredDiscovery(row.discoveryMetadata),
    clientId: row.clientId ?? "",
    clientSecret: "",
    clientAuthMethod: oneOf(CLIENT_AUTH_METHODS, row.clientAuthMethod, "client_secret_basic"),
    basicAuthEncoding: oneOf(BASIC_AUTH_ENCODINGS, row.basicAuthEncoding, "form"),
    scopes: parseScopes(row.scopes),
    audience: row.audience ?? "",
    resource: row.resource ?? "",
    authParams: parseKeyValues(row.authParams),
    tokenParams: parseKeyValues(row.tokenParams),
    tokenSharing: oneOf(TOKEN_SHARING, row.tokenSharing, "SHARED"),
    autoRefresh: row.autoRefresh,
    defaultTokenLifetime: row.defaultTokenLifetime,
    refreshMarginSeconds: row.refreshMarginSeconds,
    apiCheckUrl: row.apiCheckUrl ?? "",
    apiCheckMethod: oneOf(API_CHECK_METHODS, row.apiCheckMethod, "GET"),
    apiCheckStatus: row.apiCheckStatus,
    testIntrospection: row.testIntrospection,
    testRevocation: row.testRevocation,
  };
}

/** The case-insensitive form of a name that the unique nameKey column holds. */
export function connectionNameKey(name: string): string {
  return name.normalize("NFC").toLowerCase();
}

/** Columns written for validated input; the client secret is handled separately (it needs the row id). */
export function connectionColumnsFrom(input: ConnectionDraftInput) {
  const columns: Record<string, unknown> = {};
  const copy = [
    "providerType",
    "name",
    "description",
    "grantType",
    "pkceMethod",
    "issuer",
    "authorizationUrl",
    "tokenUrl",
    "userinfoUrl",
    "revocationUrl",
    "jwksUrl",
    "clientId",
    "clientAuthMethod",
    "basicAuthEncoding",
    "audience",
    "resource",
    "tokenSharing",
    "autoRefresh",
    "defaultTokenLifetime",
    "refreshMarginSeconds",
    "apiCheckUrl",
    "apiCheckMethod",
    "apiCheckStatus",
    "testIntrospection",
    "testRevocation",
  ] as const;
  for (const key of copy) if (input[key] !== undefined) columns[key] = input[key];
  if (input.name !== undefined) columns.nameKey = connectionNameKey(input.name);
  if (input.providerParams !== undefined) columns.providerParams = JSON.stringify(input.providerParams);
  if (input.scopes !== undefined) columns.scopes = JSON.stringify(input.scopes);
  if (input.authParams !== undefined) columns.authParams = JSON.stringify(input.authParams);
  if (input.tokenParams !== undefined) columns.tokenParams = JSON.stringify(input.tokenParams);
  if (input.discoveryMetadata !== undefined) {
    columns.discoveryMetadata = input.discoveryMetadata ? JSON.stringify(input.discoveryMetadata) : null;
  }
  return columns;
}

/** Fields whose values never appear in audit details, only the fact that they changed. */
export const SECRET_AUDIT_FIELDS = ["clientSecret"] as const;

/**
 * What audit diffs compare. `clientSecret` holds the ciphertext only so that a change is noticed;
 * it is listed in SECRET_AUDIT_FIELDS and diffFields reports it as `{ changed: true, secret: true }`.
 */
export function auditSnapshotOf(row: Connection): Record<string, unknown> {
  return {
    name: row.name,
    description: row.description,
    providerType: row.providerType,
    providerParams: parseProviderParams(row.providerParams),
    status: row.status,
    enabled: row.enabled,
    grantType: row.grantType,
    pkceMethod: row.pkceMethod,
    issuer: row.issuer,
    authorizationUrl: row.authorizationUrl,
    tokenUrl: row.tokenUrl,
    userinfoUrl: row.userinfoUrl,
    revocationUrl: row.revocationUrl,
    jwksUrl: row.jwksUrl,
    discoveryImported: Boolean(row.discoveryMetadata),
    clientId: row.clientId,
    clientAuthMethod: row.clientAuthMethod,
    basicAuthEncoding: row.basicAuthEncoding,
    clientSecret: row.clientSecretEncrypted,
    scopes: parseScopes(row.scopes),
    audience: row.audience,
    resource: row.resource,
    authParams: parseKeyValues(row.authParams),
    tokenParams: parseKeyValues(row.tokenParams),
    tokenSharing: row.tokenSharing,
    autoRefresh: row.autoRefresh,
    defaultTokenLifetime: row.defaultTokenLifetime,
    refreshMarginSeconds: row.refreshMarginSeconds,
    apiCheckUrl: row.apiCheckUrl,
    apiCheckMethod: row.apiCheckMethod,
    apiCheckStatus: row.apiCheckStatus,
    testIntrospection: row.testIntrospection,
    testRevocation: row.testRevocation,
  };
}

/** Everything the console may show about a connection; no secret material, not even ciphertext. */
export type ConnectionView = ConnectionFormValues & {
  id: string;
  status: string;
  enabled: boolean;
  draftStep: number;
  health: string;
  lastTestedAt: string | null;
  hasClientSecret: boolean;
  clientSecretLast4: string | null;
  clientSecretSetAt: string | null;
  discoveredAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  updatedBy: string | null;
};

export function connectionViewFrom(
  row: Connection & { createdBy?: { email: string } | null; updatedBy?: { email: string } | null },
): ConnectionView {
  return {
    ...connectionFormValuesFrom(row),
    id: row.id,
    status: row.status,
    enabled: row.enabled,
    draftStep: row.draftStep,
    health: row.health,
    lastTestedAt: row.lastTestedAt?.toISOString() ?? null,
    hasClientSecret: Boolean(row.clientSecretEncrypted),
    clientSecretLast4: row.clientSecretEncrypted ? row.clientSecretLast4 : null,
    clientSecretSetAt: row.clientSecretSetAt?.toISOString() ?? null,
    discoveredAt: row.discoveredAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    createdBy: row.createdBy?.email ?? null,
    updatedBy: row.updatedBy?.email ?? null,
  };
}
