/**
 * Turns whatever went wrong during a test into a diagnosis an admin can act on: what happened,
 * the likely cause, and the fix. Reads only whitelisted fields of errors (some openid-client
 * errors carry the whole token response in `cause.body`), never a raw response body.
 */
import * as oc from "openid-client";
import { OutboundBlockedError } from "@/lib/net/address-policy";
import { safeText } from "@/lib/oauth/redact";
import type { FixSuggestion, ProbeReport } from "@/lib/connection-tests/probes/run-token-probes";
import { bareRefusal, isBareRefusal } from "@/lib/connection-tests/diagnosis/token/bare-refusal";
import { standardCodeFor } from "@/lib/connection-tests/diagnosis/token/error-code-synonyms";

export type Diagnosis = {
  code: string;
  title: string;
  cause: string;
  fix: string;
  /** Display-ready facts (status, content type, expected vs actual values, the callback URL). */
  details?: Record<string, string>;
  /** Variants of a refused token request that were tried, and what each showed. */
  probes?: ProbeReport[];
  /** The connection change a probe found to work; applied only by the admin's click. */
  suggestion?: FixSuggestion;
};

/** An error that already knows its diagnosis (a configuration problem found before any request). */
export class DiagnosedError extends Error {
  constructor(readonly diagnosis: Diagnosis) {
    super(diagnosis.title);
    this.name = "DiagnosedError";
  }
}

export type DiagnosisStage = "configuration" | "discovery" | "authorization" | "callback" | "token" | "id_token" | "userinfo" | "refresh" | "api";

export type DiagnosisContext = {
  stage: DiagnosisStage;
  grantType: string;
  clientAuthMethod: string;
  /** The exact redirect URI Handshake uses; shown when it has to be registered. */
  callbackUrl: string;
  issuer?: string | null;
  supportedAuthMethods?: string[];
  scopes: string[];
  resource?: string | null;
  audience?: string | null;
};

const ENDPOINT_NAMES: Record<DiagnosisStage, string> = {
  configuration: "provider",
  discovery: "discovery endpoint",
  authorization: "authorization endpoint",
  callback: "token endpoint",
  token: "token endpoint",
  id_token: "token endpoint",
  userinfo: "userinfo endpoint",
  refresh: "token endpoint",
  api: "API",
};

const GRANT_NAMES: Record<string, string> = {
  client_credentials: "client_credentials",
  authorization_code: "authorization_code",
  authorization_code_pkce: "authorization_code",
};

export async function diagnoseError(error: unknown, context: DiagnosisContext): Promise<Diagnosis> {
  if (error instanceof DiagnosedError) return error.diagnosis;
  const blocked = findInChain(error, (e): e is OutboundBlockedError => e instanceof OutboundBlockedError);
  if (blocked) return diagnoseBlocked(blocked);

  if (error instanceof oc.AuthorizationResponseError) {
    return diagnoseOAuthError(error.error, error.error_description, context, { source: "the authorization response" });
  }
  if (error instanceof oc.ResponseBodyError) {
    return diagnoseOAuthError(error.error, error.error_description, context, { status: error.status });
  }
  if (error instanceof oc.WWWAuthenticateChallengeError) return diagnoseChallenge(error, context);
  if (error instanceof oc.ClientError) return diagnoseClientError(error, context);

  const network = diagnoseNetwork(error, context);
  if (network) return network;

  return {
    code: "unexpected_error",
    title: "Unexpected error",
    cause: `The test stopped with an unexpected error${error instanceof Error ? ` (${error.name}: ${safeText(error.message, 200)})` : ""}.`,
    fix: "Run the test again. If it keeps failing, check the server log for this time.",
  };
}

/** The diagnosis for an OAuth `error` code, from a JSON body, a challenge or the callback. */
export function diagnoseOAuthError(
  code: string,
  description: string | undefined,
  context: DiagnosisContext,
  extra: { status?: number; source?: string } = {},
): Diagnosis {
  const standard = standardCodeFor(code);
  if (standard) {
    const diagnosis = diagnoseOAuthError(standard, description, context, extra);
    return {
      ...diagnosis,
      cause: `${diagnosis.cause} The provider's own error code “${safeText(code, 100)}” is not standard; it stands for ${standard} (RFC 6749 §5.2).`,
      details: { ...diagnosis.details, error: safeText(code, 100) ?? "", standard_error: standard },
    };
  }
  const details: Record<string, string> = { error: safeText(code, 100) ?? "" };
  if (description) details.error_description = safeText(description) ?? "";
  if (extra.status) details.status = String(extra.status);
  const said = description ? ` The provider said: “${safeText(description)}”` : "";
  const grant = GRANT_NAMES[context.grantType] ?? context.grantType;

  // Some providers (oidc-provider among them) report a grant the client may not use as invalid_request.
  const effectiveCode =
    code === "invalid_request" && /grant[ _]?type/i.test(description ?? "") && /not (allowed|permitted|enabled|authori[sz]ed)|unauthori[sz]ed/i.test(description ?? "")
      ? "unauthorized_client"
      : code;

  switch (effectiveCode) {
    case "invalid_client": {
      if (context.clientAuthMethod === "none") {
        const other = alternativeAuthMethod(context);
        return {
          code,
          title: "Client authentication failed",
          cause: `The provider did not accept the client without a secret: it is not registered as a public client.${said}`,
          fix: `Enter the client's secret and choose ${other}, or register the client as public (token endpoint authentication “none”) at the provider.`,
          details: { ...details, try: other },
        };
      }
      const other = alternativeAuthMethod(context);
      return {
        code,
        title: "Client authentication failed",
        cause: `The provider did not accept the client credentials: the client secret is wrong, or the provider expects another client authentication method than ${context.clientAuthMethod}.${said}`,
        fix:
          `First re-enter the client secret (copy it again from the provider). If it is right, change the client authentication method to ${other} and test again.` +
          (context.clientAuthMethod === "client_secret_basic"
            ? " Some providers also fail to decode Basic credentials with special characters (RFC 6749 §2.3.1): client_secret_post avoids that."
            : ""),
        details: { ...details, try: other },
      };
    }
    case "invalid_grant":
      if (context.stage === "refresh") {
        return {
          code,
          title: "Refresh token refused",
          cause: `The provider refused the refresh token: it was revoked, expired, or already used (providers that rotate refresh tokens accept each one once).${said}`,
          fix: "Authorize again to get a new token set. If this happens right after a successful sign-in, check the provider's refresh-token settings for this client.",
          details,
        };
      }
      if (context.grantType === "client_credentials") {
        return {
          code,
          title: "Grant refused",
          cause: `The provider refused the client credentials grant.${said}`,
          fix: "Check the client's permissions and the requested scopes, audience and resource at the provider.",
          details,
        };
      }
      return {
        code,
        title: "Authorization code refused",
        cause:
          "The provider refused the authorization code: it expired or was already used, the redirect URI in the token request differs from the one in the authorization request, or the PKCE verifier does not match the challenge." +
          said,
        fix: `Run the test again promptly (codes are single-use and short-lived). Make sure the callback URL registered at the provider is exactly ${context.callbackUrl}.`,
        details: { ...details, callbackUrl: context.callbackUrl },
      };
    case "unauthorized_client":
      return {
        code: "unauthorized_client",
        title: "Grant type not allowed for this client",
        cause: `The provider does not allow this client to use the ${grant} grant.${said}`,
        fix: `Enable the ${grant} grant for this client in the provider's app registration, or choose the grant type the client is registered for.`,
        details: { ...details, grantType: grant },
      };
    case "unsupported_grant_type":
      return {
        code,
        title: "Grant type not supported",
        cause: `The provider does not support the ${grant} grant at this token endpoint.${said}`,
        fix: "Check the token URL and the provider's documentation for the grant types it supports.",
        details,
      };
    case "invalid_scope":
      return {
        code,
        title: "Scopes refused",
        cause: `The provider refused the requested scopes (${context.scopes.join(" ") || "none"}).${said}`,
        fix: "Remove scopes this client is not allowed to request, check their spelling, and grant them to the client at the provider.",
        details: { ...details, requestedScopes: context.scopes.join(" ") },
      };
    case "invalid_target":
      return {
        code,
        title: "Resource or audience refused",
        cause: `The provider does not recognise the requested resource${context.resource ? ` (${context.resource})` : ""}${context.audience ? ` or audience (${context.audience})` : ""} (RFC 8707).${said}`,
        fix: "Use the resource indicator or audience exactly as the provider registered the API, or clear the field.",
        details,
      };
    case "access_denied":
      return {
        code,
        title: "Access denied",
        cause: `The user declined the consent screen, or the provider refused access for this user.${said}`,
        fix: "Test again and approve the request at the provider. If you did approve it, check that this user may use the application at the provider.",
        details,
      };
    case "invalid_redirect_uri":
    case "redirect_uri_mismatch":
      return redirectUriMismatch(context, details);
    case "invalid_request":
      return {
        code,
        title: "Request refused as invalid",
        cause: `The provider says the request is malformed or missing something.${said}`,
        fix: "Check the additional authorization and token parameters, the scopes and the PKCE setting against the provider's documentation.",
        details,
      };
    case "login_required":
    case "consent_required":
    case "interaction_required":
    case "account_selection_required":
      return {
        code,
        title: "The provider needs the user to interact",
        cause: `The provider could not complete the request without the user signing in or consenting.${said}`,
        fix: "Remove prompt=none from the additional authorization parameters and test again.",
        details,
      };
    case "server_error":
    case "temporarily_unavailable":
      return {
        code,
        title: "Provider error",
        cause: `The provider reported a problem on its side.${said}`,
        fix: "Try again later; if it persists, check the provider's status page.",
        details,
      };
    default:
      return {
        code: "provider_error",
        title: "The provider returned an error",
        cause: `The provider answered with the non-standard error code “${safeText(code, 100)}”${extra.source ? ` in ${extra.source}` : ""}.${said}`,
        fix: "Look the code up in the provider's documentation; it is not one of the OAuth error codes (RFC 6749 §5.2).",
        details,
      };
  }
}

export function redirectUriMismatch(context: Pick<DiagnosisContext, "callbackUrl">, details: Record<string, string> = {}): Diagnosis {
  return {
    code: "redirect_uri_mismatch",
    title: "Callback URL not registered",
    cause: "The provider refused the redirect URI: Handshake's callback URL is not registered for this client, or not exactly as Handshake sends it.",
    fix: `Register this exact callback URL for the client at the provider, character for character: ${context.callbackUrl}`,
    details: { ...details, callbackUrl: context.callbackUrl },
  };
}

function alternativeAuthMethod(context: DiagnosisContext): string {
  const candidates = ["client_secret_basic", "client_secret_post"].filter((m) => m !== context.clientAuthMethod);
  const supported = context.supportedAuthMethods?.filter((m) => m !== context.clientAuthMethod && m !== "none");
  const preferred = candidates.find((m) => !supported || supported.length === 0 || supported.includes(m));
  return preferred ?? supported?.[0] ?? candidates[0]!;
}

async function diagnoseChallenge(error: oc.WWWAuthenticateChallengeError, context: DiagnosisContext): Promise<Diagnosis> {
  const challenge = error.cause[0];
  const header = challenge ? `${challenge.scheme}${Object.keys(challenge.parameters).length ? " " + Object.entries(challenge.parameters).map(([k, v]) => `${k}="${v}"`).join(", ") : ""}` : "";
  let code = challenge?.parameters.error;
  let description = challenge?.parameters.error_description;
  if (!code) {
    const body = await readJsonFields(error.response);
    code = typeof body?.error === "string" ? body.error : undefined;
    description ??= typeof body?.error_description === "string" ? body.error_description : undefined;
  }
  const details = { status: String(error.status), "www-authenticate": safeText(header, 300) ?? "" };
  if (context.stage === "userinfo") {
    return {
      code: code ?? "userinfo_unauthorized",
      title: "Userinfo refused the access token",
      cause: `The userinfo endpoint answered ${error.status} with a WWW-Authenticate challenge${code ? ` (${code})` : ""}: the token is not valid there (expired, wrong audience, or missing the openid scope).`,
      fix: "Request the openid scope and do not set a resource or audience for a token meant for userinfo.",
      details,
    };
  }
  if (code) {
    const diagnosis = diagnoseOAuthError(code, description, context, { status: error.status });
    return { ...diagnosis, details: { ...diagnosis.details, ...details } };
  }
  // A bare 401 challenge from the token endpoint is how providers say the client failed to authenticate.
  const diagnosis = diagnoseOAuthError("invalid_client", undefined, context, { status: error.status });
  return { ...diagnosis, cause: `The ${ENDPOINT_NAMES[context.stage]} answered ${error.status} with a WWW-Authenticate challenge. ${diagnosis.cause}`, details: { ...diagnosis.details, ...details } };
}

async function diagnoseClientError(error: oc.ClientError, context: DiagnosisContext): Promise<Diagnosis> {
  const endpoint = ENDPOINT_NAMES[context.stage];
  const cause = error.cause as Record<string, unknown> | Response | undefined;
  switch (error.code) {
    case "OAUTH_RESPONSE_IS_NOT_CONFORM":
    case "OAUTH_RESPONSE_IS_NOT_JSON":
      if (cause instanceof Response) return diagnoseUnexpectedResponse(cause, context, error.code === "OAUTH_RESPONSE_IS_NOT_JSON");
      break;
    case "OAUTH_PARSE_ERROR":
      return {
        code: "invalid_json",
        title: "Response is not valid JSON",
        cause: `The ${endpoint} declared JSON but sent something that does not parse as JSON.`,
        fix: "Check the endpoint URL; a proxy or error page may be answering instead of the provider.",
      };
    case "OAUTH_TIMEOUT":
      return timeout(context);
    case "OAUTH_HTTP_REQUEST_FORBIDDEN":
    case "OAUTH_REQUEST_PROTOCOL_FORBIDDEN":
      return {
        code: "insecure_url",
        title: "Plain http is not allowed",
        cause: `The ${endpoint} URL is not https.`,
        fix: "Use the provider's https URL. Plain http is only for local test servers (OUTBOUND_ALLOW_HTTP=true).",
      };
    case "OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED": {
      const expected = typeof (cause as { expected?: unknown })?.expected === "string" ? (cause as { expected: string }).expected : context.issuer ?? "";
      const body = (cause as { body?: { issuer?: unknown } })?.body;
      const actual = typeof body?.issuer === "string" ? body.issuer : "";
      return issuerMismatch("discovery", expected, actual);
    }
    case "OAUTH_MISSING_SERVER_METADATA":
    case "OAUTH_INVALID_SERVER_METADATA": {
      const attribute = safeText((cause as { attribute?: unknown })?.attribute, 100) ?? "an endpoint";
      return {
        code: "missing_endpoint",
        title: "Endpoint missing",
        cause: `The connection has no valid ${attribute} (it was neither configured nor found in the provider's discovery document).`,
        fix: `Enter the ${attribute.replace(/_/g, " ")} URL on the connection's Endpoints step.`,
        details: { attribute },
      };
    }
    case "OAUTH_INVALID_RESPONSE":
      return diagnoseInvalidResponse(error, context);
    case "OAUTH_JWT_CLAIM_COMPARISON_FAILED":
      return diagnoseClaimComparison(error, context);
    case "OAUTH_JWT_TIMESTAMP_CHECK_FAILED": {
      const claim = safeText((error.cause as { cause?: { claim?: unknown } })?.cause?.claim ?? (cause as { claim?: unknown })?.claim, 20) ?? "exp";
      return {
        code: "clock_skew",
        title: "ID token time check failed",
        cause: `The ID token's “${claim}” claim is outside the accepted time window: the token is expired or not yet valid, usually because the provider's clock and this server's clock disagree.`,
        fix: "Check that this server's clock is synchronised (NTP). If the provider's clock is off, contact its operator.",
        details: { claim },
      };
    }
    case "OAUTH_KEY_SELECTION_FAILED":
      return {
        code: "id_token_key_not_found",
        title: "No key to verify the ID token",
        cause: "None of the keys in the provider's JWKS matches the ID token's key id and algorithm.",
        fix: "Check the JWKS URL; if the provider just rotated keys, test again in a few minutes.",
      };
    case "OAUTH_UNSUPPORTED_OPERATION":
      return {
        code: "unsupported_response",
        title: "Unsupported response",
        cause: `The provider answered with something Handshake does not support (${safeText(error.message, 120)}), for example a token type other than Bearer or DPoP, or an unsupported signing algorithm.`,
        fix: "Check the provider's token settings for this client.",
      };
  }
  const network = diagnoseNetwork(error.cause, context);
  if (network) return network;
  return {
    code: "client_error",
    title: "The response failed validation",
    cause: `openid-client refused the ${endpoint}'s response: ${safeText(error.message, 200)}${error.code ? ` (${error.code})` : ""}.`,
    fix: "Compare the provider's settings with the connection; the trace shows each request and response.",
    details: error.code ? { code: error.code } : undefined,
  };
}

function diagnoseInvalidResponse(error: oc.ClientError, context: DiagnosisContext): Diagnosis {
  const inner = error.cause as { message?: string; cause?: { expected?: unknown; parameters?: URLSearchParams } } | undefined;
  const message = inner?.message ?? "";
  if (message.includes('"iss"') && message.includes("response parameter")) {
    const actual = inner?.cause?.parameters?.get("iss") ?? "";
    if (message.includes("missing")) {
      return {
        code: "issuer_missing",
        title: "Issuer missing from the callback",
        cause: "The provider advertises RFC 9207 issuer identification but the callback carried no iss parameter. The response may come from another provider (a mix-up attack).",
        fix: "Test again; if it persists, check which provider redirected to the callback.",
      };
    }
    return issuerMismatch("callback", typeof inner?.cause?.expected === "string" ? inner.cause.expected : context.issuer ?? "", actual);
  }
  if (message.includes('"state"')) return stateMismatch();
  if (message.includes("signature verification failed")) {
    return {
      code: "id_token_signature_invalid",
      title: "ID token signature invalid",
      cause: "The ID token's signature does not verify against the provider's JWKS.",
      fix: "Check the JWKS URL belongs to the same provider as the issuer; if the provider rotated keys, test again.",
    };
  }
  if (message.includes('"alg"')) {
    return {
      code: "id_token_algorithm",
      title: "Unexpected ID token algorithm",
      cause: "The ID token is signed with an algorithm the provider does not advertise or the client does not expect.",
      fix: "Check the provider's ID token signing algorithm for this client.",
    };
  }
  if (message.includes("access_token") || message.includes("token_type")) {
    return {
      code: "invalid_token_response",
      title: "Token response incomplete",
      cause: `The token response is missing a required field or has one of the wrong type (${safeText(message, 150)}).`,
      fix: "Check the token URL points at the provider's OAuth token endpoint.",
    };
  }
  return {
    code: context.stage === "id_token" || message.includes("JWT") ? "id_token_invalid" : "invalid_response",
    title: message.includes("JWT") ? "ID token invalid" : "Invalid response",
    cause: `The provider's response failed validation: ${safeText(message, 200) || "invalid response"}.`,
    fix: "Compare the provider's settings with the connection; the trace shows each request and response.",
  };
}

function diagnoseClaimComparison(error: oc.ClientError, context: DiagnosisContext): Diagnosis {
  const inner = error.cause as { message?: string; cause?: { claim?: unknown; expected?: unknown; claims?: Record<string, unknown> } } | undefined;
  const claim = typeof inner?.cause?.claim === "string" ? inner.cause.claim : "";
  const actual = inner?.cause?.claims?.[claim];
  const expected = inner?.cause?.expected;
  if (claim === "iss") return issuerMismatch("id_token", typeof expected === "string" ? expected : context.issuer ?? "", typeof actual === "string" ? actual : "");
  if (claim === "nonce") {
    return {
      code: "nonce_mismatch",
      title: "ID token nonce mismatch",
      cause: "The ID token's nonce does not match the one Handshake sent: the token belongs to another authorization request (a replay or mix-up).",
      fix: "Test again from the start; do not reuse a callback URL.",
    };
  }
  if (claim === "aud" || claim === "azp") {
    return {
      code: "id_token_audience",
      title: "ID token audience mismatch",
      cause: `The ID token was issued for another client (${claim} = ${safeText(Array.isArray(actual) ? actual.join(", ") : String(actual ?? ""), 120)}).`,
      fix: "Check the client ID on the connection matches the client at the provider.",
      details: { claim, actual: safeText(Array.isArray(actual) ? actual.join(", ") : String(actual ?? ""), 200) ?? "" },
    };
  }
  return {
    code: "id_token_claim",
    title: "ID token check failed",
    cause: `${safeText(inner?.message ?? error.message, 200)}.`,
    fix: "Compare the provider's ID token settings with the connection.",
  };
}

export function issuerMismatch(where: "discovery" | "callback" | "id_token", expected: string, actual: string): Diagnosis {
  const whereText = {
    discovery: "The discovery document names a different issuer than the URL it was fetched from",
    callback: "The callback's iss parameter (RFC 9207) names a different issuer than the connection's",
    id_token: "The ID token was issued by a different issuer than the connection's",
  }[where];
  return {
    code: "issuer_mismatch",
    title: "Issuer mismatch",
    cause: `${whereText}. Issuers must match exactly, including scheme, host, port and trailing slash.`,
    fix:
      where === "discovery"
        ? `Set the issuer URL to exactly “${actual}” if that is the provider you meant, then import the discovery document again.`
        : `Set the connection's issuer to exactly “${actual}” if that is the right provider; otherwise the response did not come from the configured provider.`,
    details: { expected, actual },
  };
}

export function stateMismatch(): Diagnosis {
  return {
    code: "state_mismatch",
    title: "State mismatch",
    cause: "The callback's state does not match an authorization request that Handshake started for you: it was changed, already used, or belongs to another request.",
    fix: "Start the test again from Handshake, in the same browser session, and complete it within 10 minutes.",
  };
}

async function diagnoseUnexpectedResponse(response: Response, context: DiagnosisContext, okStatusButNotJson: boolean): Promise<Diagnosis> {
  const endpoint = ENDPOINT_NAMES[context.stage];
  const contentType = safeText(response.headers.get("content-type") ?? "none", 100) ?? "none";
  const details: Record<string, string> = { status: String(response.status), contentType };
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get("location");
    if (location) details.redirectsTo = safeText(URL.canParse(location, response.url || "http://x.invalid") ? new URL(location, response.url || "http://x.invalid").origin : "elsewhere", 200) ?? "";
    return {
      code: "unexpected_redirect",
      title: "Redirect not followed",
      cause: `The ${endpoint} answered ${response.status} with a redirect. Handshake never follows redirects from a provider (they can point at internal addresses).`,
      fix: "Use the final URL directly on the connection (for example https:// instead of http://, or the path with or without the trailing slash).",
      details,
    };
  }
  const tokenEndpoint = context.stage === "token" || context.stage === "callback" || context.stage === "refresh";
  const text = tokenEndpoint && !response.bodyUsed ? await response.clone().text().catch(() => "") : "";
  if (tokenEndpoint && isBareRefusal(response.status, contentType, text)) {
    return bareRefusal({ status: response.status, contentType, empty: !text.trim(), clientAuthMethod: context.clientAuthMethod, grantType: context.grantType });
  }
  if (!okStatusButNotJson && /json/i.test(contentType)) {
    const body = await readJsonFields(response);
    const nonStandard = describeNonStandardError(body);
    if (nonStandard) details.providerError = nonStandard;
    if (nonStandard || response.status >= 400) {
      return {
        code: "non_standard_error",
        title: "Non-standard error response",
        cause: `The ${endpoint} answered ${response.status} with JSON that is not a standard OAuth error${nonStandard ? ` (${nonStandard})` : ""}.`,
        fix: "Check the request against the provider's documentation; the trace shows what was sent.",
        details,
      };
    }
  }
  if (response.status === 404) {
    return {
      code: "endpoint_not_found",
      title: "Endpoint not found",
      cause: `The ${endpoint} answered 404 Not Found.`,
      fix: `Check the ${endpoint} URL on the connection.`,
      details,
    };
  }
  const html = /html/i.test(contentType);
  return {
    code: html ? "html_response" : "non_json_response",
    title: html ? "HTML page instead of JSON" : "Response is not JSON",
    cause: `The ${endpoint} answered ${response.status} with ${contentType} instead of a JSON response${html ? " (probably a login or error page)" : ""}. The body is not shown.`,
    fix: `Check that the ${endpoint} URL points at the provider's OAuth API, not a web page, and that nothing (a proxy, a firewall page) answers in its place.`,
    details,
  };
}

async function readJsonFields(response: Response | undefined): Promise<Record<string, unknown> | undefined> {
  if (!response || response.bodyUsed) return undefined;
  try {
    const value: unknown = await response.clone().json();
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Common shapes of non-standard JSON errors, reduced to a short code and message. */
function describeNonStandardError(body: Record<string, unknown> | undefined): string | undefined {
  if (!body) return undefined;
  const nested = body.error && typeof body.error === "object" ? (body.error as Record<string, unknown>) : undefined;
  const code = [nested?.code, nested?.status, body.error_code, body.errorCode, body.code].find((v) => typeof v === "string" || typeof v === "number");
  const message = [nested?.message, body.message, body.errorMessage, body.error_message, body.detail].find((v) => typeof v === "string");
  if (code === undefined && message === undefined) return undefined;
  return [code !== undefined ? safeText(String(code), 80) : undefined, safeText(message, 200)].filter(Boolean).join(": ");
}

function diagnoseBlocked(error: OutboundBlockedError): Diagnosis {
  const details: Record<string, string> = { reason: error.reason };
  if (error.host) details.host = error.host;
  if (error.address) details.address = error.address;
  switch (error.reason) {
    case "address":
      return {
        code: "blocked_address",
        title: "Address refused",
        cause: safeText(error.message, 400) ?? "The provider's address is not public.",
        fix: "Use the provider's public URL. An operator can allow an on-premises range with OUTBOUND_ALLOW_CIDRS (for example 10.20.0.0/16).",
        details,
      };
    case "protocol":
      return {
        code: "blocked_protocol",
        title: "Plain http is not allowed",
        cause: safeText(error.message, 300) ?? "Only https URLs are allowed.",
        fix: "Use the provider's https URL.",
        details,
      };
    case "size":
      return {
        code: "response_too_large",
        title: "Response too large",
        cause: safeText(error.message, 300) ?? "The response was larger than allowed.",
        fix: "Check the URL points at the OAuth endpoint; OAuth responses are small.",
        details,
      };
    case "credentials-in-url":
      return {
        code: "credentials_in_url",
        title: "Credentials in URL",
        cause: "An endpoint URL contains a user name or password.",
        fix: "Remove the user name and password from the URL; client credentials belong in the client fields.",
        details,
      };
    case "redirect":
      return {
        code: "unexpected_redirect",
        title: "Redirect not followed",
        cause: safeText(error.message, 300) ?? "The provider answered with a redirect.",
        fix: "Use the final URL directly on the connection.",
        details,
      };
  }
}

function diagnoseNetwork(error: unknown, context: DiagnosisContext): Diagnosis | undefined {
  const endpoint = ENDPOINT_NAMES[context.stage];
  if (findInChain(error, (e): e is DOMException => e instanceof DOMException && e.name === "TimeoutError")) return timeout(context);
  const coded = findInChain(error, (e): e is Error & { code: string } => e instanceof Error && typeof (e as { code?: unknown }).code === "string");
  const code = coded?.code;
  if (!code) return undefined;
  const host = safeText((coded as { hostname?: unknown }).hostname, 200);
  const details: Record<string, string> = { code };
  if (host) details.host = host;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME" || code === "EAI_FAIL") {
    return {
      code: "dns_failure",
      title: "Host name not found",
      cause: `The ${endpoint}'s host name${host ? ` ${host}` : ""} could not be resolved (DNS ${code}).`,
      fix: "Check the URL for typos, and that this server can resolve the provider's host name.",
      details,
    };
  }
  if (code === "ECONNREFUSED") {
    return {
      code: "connection_refused",
      title: "Connection refused",
      cause: `Nothing accepted the connection to the ${endpoint}: the provider is down, or the port is wrong.`,
      fix: "Check the URL's host and port, and that the provider is running and reachable from this server.",
      details,
    };
  }
  if (code === "ECONNRESET" || code === "EPIPE" || code === "UND_ERR_SOCKET" || code === "EHOSTUNREACH" || code === "ENETUNREACH") {
    return {
      code: "network_error",
      title: "Network error",
      cause: `The connection to the ${endpoint} failed (${code}).`,
      fix: "Check that the provider is reachable from this server (firewall, routing).",
      details,
    };
  }
  if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT" || code === "ETIMEDOUT") return timeout(context);
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL|HOSTNAME_MISMATCH)/.test(code) || code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return {
      code: "tls_error",
      title: "TLS error",
      cause: `The secure connection to the ${endpoint} failed (${code}): the certificate is not trusted, expired, or issued for another host name.`,
      fix: "Check the provider's certificate. For a private certificate authority, start Handshake with NODE_EXTRA_CA_CERTS pointing at its certificate.",
      details,
    };
  }
  return undefined;
}

function timeout(context: DiagnosisContext): Diagnosis {
  return {
    code: "timeout",
    title: "Timed out",
    cause: `The ${ENDPOINT_NAMES[context.stage]} did not answer within 10 seconds.`,
    fix: "Check that the provider is up and reachable from this server; a firewall that drops packets looks like this.",
  };
}

function findInChain<T>(error: unknown, predicate: (e: unknown) => e is T): T | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (predicate(e)) return e;
  }
  return undefined;
}
