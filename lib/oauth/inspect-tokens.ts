/**
 * Shared by every flow: the parameters each token request carries, what a token response says
 * (lifetime, granted vs requested scopes, JWT claims), and which stage a failure belongs to.
 */
import type * as oc from "openid-client";
import type { Connection } from "@/lib/db/generated/client";
import type { ClientSetup } from "@/lib/oauth/client-config";
import type { ConnectionSettings } from "@/lib/oauth/connection-settings";
import type { DiagnosisContext, DiagnosisStage } from "@/lib/oauth/diagnose-error";
import { compareScopes, decodeJwt, summarizeToken, type TestResultSummary } from "@/lib/oauth/test-result";
import type { TraceRecorder, TraceStepName } from "@/lib/oauth/trace";

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

/** Fills the result from a successful grant response. */
export function inspectTokenResponse(
  tokens: oc.TokenEndpointResponse,
  settings: ConnectionSettings,
  connection: Connection,
  result: TestResultSummary,
  now: Date,
): void {
  result.token = summarizeToken(tokens, connection.defaultTokenLifetime, now);
  if (result.token.lifetimeSource === "default") {
    result.notes.push(
      `The provider sent no expires_in. Handshake assumes the connection's default token lifetime of ${connection.defaultTokenLifetime} seconds.`,
    );
  }
  result.scopes = compareScopes(settings.scopes, tokens.scope);
  // offline_access asks for a refresh token (OIDC Core §11); providers often leave it out of the
  // granted scope even when they honour it, so a refresh token counts as granting it.
  if (result.scopes.missing.includes("offline_access") && tokens.refresh_token) {
    result.scopes.missing = result.scopes.missing.filter((s) => s !== "offline_access");
    result.notes.push("offline_access is not listed among the granted scopes, but a refresh token came back, which is what it asks for.");
  }
  const missing = result.scopes.missing.filter((s) => s !== "offline_access");
  if (missing.length > 0) {
    result.warnings.push(
      `The provider did not grant ${missing.join(", ")}. API calls that need ${missing.length === 1 ? "it" : "them"} will fail: grant ${missing.length === 1 ? "this scope" : "these scopes"} to the client at the provider.`,
    );
  }
  if (result.scopes.missing.includes("offline_access")) {
    result.warnings.push(
      "offline_access was not granted and no refresh token came back. Many providers grant it only with prompt=consent (OIDC Core §11): add that as an additional authorization parameter.",
    );
  }
  if (result.scopes.extra.length > 0) result.notes.push(`The provider granted scopes that were not requested: ${result.scopes.extra.join(", ")}.`);
  const claims = decodeJwt(tokens.access_token);
  if (claims) result.accessTokenClaims = claims;
}

export function diagnosisContextFor(
  connection: Connection,
  settings: ConnectionSettings,
  stage: DiagnosisStage,
  setup: ClientSetup | undefined,
): DiagnosisContext {
  return {
    stage,
    grantType: connection.grantType,
    clientAuthMethod: connection.clientAuthMethod,
    callbackUrl: settings.callbackUrl,
    issuer: setup?.metadata.issuer ?? connection.issuer,
    supportedAuthMethods: setup?.supportedAuthMethods,
    scopes: settings.scopes,
    resource: settings.resource,
    audience: settings.audience,
  };
}

const STAGE_OF_STEP: Record<TraceStepName, DiagnosisStage> = {
  configuration: "configuration",
  discovery: "discovery",
  authorization_request: "authorization",
  authorization_check: "authorization",
  callback: "callback",
  token_request: "token",
  token_response: "token",
  id_token: "id_token",
  userinfo: "userinfo",
  refresh: "refresh",
  refresh_response: "refresh",
  probe: "token",
  api_check: "api",
  introspection: "token",
  revocation: "token",
};

/** The stage of the step that failed (the last one recorded). */
export function failedStage(trace: TraceRecorder, fallback: DiagnosisStage = "configuration"): DiagnosisStage {
  const last = trace.steps.at(-1);
  return last ? STAGE_OF_STEP[last.name] : fallback;
}
