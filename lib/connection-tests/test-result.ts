/**
 * The stored shape of a test run's result (TestRun.result, JSON) and the pure functions that fill
 * it from a token response: token summary, scope comparison, decoded JWT claims. Everything here
 * is display-ready and redacted: tokens appear only as an 8-character prefix.
 */
import type { Diagnosis } from "@/lib/diagnosis/diagnosis";
import type { ApiCheckResult } from "@/lib/connection-tests/token-checks/api-check";
import type {
  IntrospectionSummary,
  RevocationSummary,
} from "@/lib/connection-tests/token-checks/introspect-and-revoke";
import { redactClaims, tokenPrefix } from "@/lib/oauth/redact";
import type { TraceStep } from "@/lib/oauth/trace";

export type TestOutcome = "SUCCESS" | "WARNING" | "FAILED";

export type TokenSummary = {
  tokenType: string;
  accessTokenPrefix?: string;
  accessTokenFormat: "jwt" | "opaque";
  /** Seconds, from expires_in or, when missing, the connection's default lifetime. */
  lifetimeSeconds: number;
  lifetimeSource: "provider" | "default";
  expiresAt: string;
  refreshTokenPresent: boolean;
  idTokenPresent: boolean;
};

export type ScopeComparison = {
  requested: string[];
  granted: string[];
  /** False when the response had no scope: RFC 6749 §5.1 then means "as requested". */
  grantedReported: boolean;
  missing: string[];
  extra: string[];
};

type RefreshSummary = {
  ok: boolean;
  /** True when a new refresh token came back that differs from the old one. */
  rotated: boolean;
  newAccessTokenPrefix?: string;
  lifetimeSeconds?: number;
  problem?: string;
};

/** Where a token's cnf claim was read: the JWT access token itself, or the introspection response. */
export type BindingShownBy = "token" | "introspection";

export type TestResultSummary = {
  outcome?: TestOutcome;
  purpose: "TEST" | "CONNECT";
  grantType: string;
  token?: TokenSummary;
  scopes?: ScopeComparison;
  accessTokenClaims?: { header: Record<string, unknown>; payload: Record<string, unknown> };
  idTokenClaims?: Record<string, unknown>;
  userinfo?: Record<string, unknown>;
  refresh?: RefreshSummary;
  tokenStored?: { ownerKey: string; userEmail?: string };
  apiCheck?: ApiCheckResult;
  /** mTLS: the client certificate's thumbprint and the token's cnf.x5t#S256 (RFC 8705 §3.1), when it shows one. */
  certificateBinding?: { thumbprint: string; tokenThumbprint?: string; shownBy?: BindingShownBy; matches: boolean };
  /**
   * DPoP: the key's thumbprint and algorithm, the token type and its cnf.jkt (RFC 9449 §6) where the
   * JWT access token or the introspection response shows one.
   */
  dpopBinding?: {
    jkt: string;
    alg: string;
    tokenType: string;
    tokenJkt?: string;
    shownBy?: BindingShownBy;
    matches: boolean;
  };
  introspection?: IntrospectionSummary;
  revocation?: RevocationSummary;
  /** What the provider's metadata leaves out ("the metadata does not list …"); never changes the outcome. */
  metadataLint?: string[];
  warnings: string[];
  notes: string[];
};

export type StoredTestRun = {
  id: string;
  connectionId: string;
  status: string;
  purpose: string;
  grantType: string;
  targetHost: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  result: TestResultSummary;
  trace: TraceStep[];
  diagnosis: Diagnosis | null;
};

/** Splits a space-delimited scope string (RFC 6749 §3.3). */
function splitScope(scope: string | undefined | null): string[] {
  return (scope ?? "").split(" ").filter(Boolean);
}

export function compareScopes(requested: string[], grantedScope: string | undefined): ScopeComparison {
  if (grantedScope === undefined)
    return { requested, granted: requested, grantedReported: false, missing: [], extra: [] };
  const granted = splitScope(grantedScope);
  return {
    requested,
    granted,
    grantedReported: true,
    missing: requested.filter((s) => !granted.includes(s)),
    extra: granted.filter((s) => !requested.includes(s)),
  };
}

/** Header and payload of a JWS compact token, without verifying it; undefined when not a JWT. */
export function decodeJwt(
  token: string,
): { header: Record<string, unknown>; payload: Record<string, unknown> } | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, "base64url").toString("utf8")) as unknown;
    const payload = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8")) as unknown;
    if (!isObject(header) || !isObject(payload)) return undefined;
    return { header: redactClaims(header), payload: redactClaims(payload) };
  } catch {
    return undefined;
  }
}

export function summarizeToken(
  response: {
    access_token: string;
    token_type: string;
    expires_in?: number;
    refresh_token?: string;
    id_token?: string;
  },
  defaultLifetimeSeconds: number,
  now: Date,
): TokenSummary {
  const lifetimeSource = typeof response.expires_in === "number" ? "provider" : "default";
  const lifetimeSeconds = typeof response.expires_in === "number" ? response.expires_in : defaultLifetimeSeconds;
  return {
    tokenType: response.token_type,
    accessTokenPrefix: tokenPrefix(response.access_token),
    accessTokenFormat: decodeJwt(response.access_token) ? "jwt" : "opaque",
    lifetimeSeconds,
    lifetimeSource,
    expiresAt: new Date(now.getTime() + lifetimeSeconds * 1000).toISOString(),
    refreshTokenPresent: typeof response.refresh_token === "string",
    idTokenPresent: typeof response.id_token === "string",
  };
}

export function emptyResult(purpose: "TEST" | "CONNECT", grantType: string): TestResultSummary {
  return { purpose, grantType, warnings: [], notes: [] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === "object" && !Array.isArray(value);
}
