/**
 * A stored connection's OAuth settings in the shape the test engine uses: stored values read
 * through the field registry, the callback URL computed from the public base URL, and the parameter sets each
 * request carries.
 */
import type { Connection } from "@/lib/db/generated/client";
import { getConfig } from "@/lib/config/env";
import { callbackUrlFor } from "@/lib/connections/callback-url";
import { CONNECTION_FIELDS } from "@/lib/connections/connection-fields";

type KeyValue = { key: string; value: string };

export type ConnectionSettings = {
  grantType: string;
  usesCode: boolean;
  scopes: string[];
  wantsOpenId: boolean;
  audience: string | null;
  resource: string | null;
  authParams: KeyValue[];
  tokenParams: KeyValue[];
  callbackUrl: string;
  /** Host the test talks to, for the audit event and the history list. */
  targetHost: string | null;
};

export const CALLBACK_PATH = "/api/oauth/callback";

/** The one redirect URI Handshake registers and sends, built from APP_URL, never from a request. */
export function callbackUrl(): string {
  return callbackUrlFor(getConfig());
}

export function readConnectionSettings(connection: Connection): ConnectionSettings {
  const scopes = CONNECTION_FIELDS.scopes.codec.read(connection).filter((scope) => scope.length > 0);
  return {
    grantType: connection.grantType,
    usesCode: connection.grantType === "authorization_code" || connection.grantType === "authorization_code_pkce",
    scopes,
    wantsOpenId: scopes.includes("openid"),
    audience: connection.audience?.trim() || null,
    resource: connection.resource?.trim() || null,
    authParams: CONNECTION_FIELDS.authParams.codec.read(connection).filter((row) => row.key),
    tokenParams: CONNECTION_FIELDS.tokenParams.codec.read(connection).filter((row) => row.key),
    callbackUrl: callbackUrl(),
    targetHost: hostOf(connection.tokenUrl) ?? hostOf(connection.issuer) ?? hostOf(connection.authorizationUrl),
  };
}

/** Parameter names the admin configured; the trace shows their values (they came from the connection). */
export function configuredParameterNames(settings: ConnectionSettings): string[] {
  return [...settings.authParams, ...settings.tokenParams].map((p) => p.key);
}

function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
