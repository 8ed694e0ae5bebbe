/**
 * What of an OAuth exchange may be shown or stored: tokens at most as an 8-character prefix;
 * secrets, codes, verifiers and assertions never (security.md §3.3). Everything that goes into
 * a test run's trace, result or diagnosis passes through here.
 */

const TOKEN_PREFIX_LENGTH = 8;
const MAX_TEXT = 300;

/** The first 8 characters of a token, followed by an ellipsis; short values are hidden entirely. */
export function tokenPrefix(token: string | undefined | null): string | undefined {
  if (!token) return undefined;
  if (token.length <= TOKEN_PREFIX_LENGTH * 2) return "[redacted]";
  return `${token.slice(0, TOKEN_PREFIX_LENGTH)}…`;
}

/** Caps provider-supplied text (error_description and the like) and strips control characters. */
export function safeText(value: unknown, max = MAX_TEXT): string | undefined {
  if (typeof value !== "string") return undefined;
  const cleaned = value.replace(/[\u0000-\u001F\u007F]+/g, " ").trim();
  return cleaned.length > max ? `${cleaned.slice(0, max)}…` : cleaned;
}

// Form and query parameters whose values are credentials or single-use secrets.
const SECRET_PARAMETERS = new Set([
  "client_secret",
  "code",
  "code_verifier",
  "client_assertion",
  "assertion",
  "password",
  "refresh_token",
  "access_token",
  "id_token",
  "token",
  "subject_token",
  "actor_token",
  "device_code",
  "request",
]);

// Parameters shown in full: protocol values the admin needs to see to debug a request.
const VISIBLE_PARAMETERS = new Set([
  "grant_type",
  "client_id",
  "scope",
  "audience",
  "resource",
  "redirect_uri",
  "response_type",
  "response_mode",
  "code_challenge",
  "code_challenge_method",
  "client_assertion_type",
  "token_type_hint",
  "prompt",
  "max_age",
  "login_hint",
  "ui_locales",
  "acr_values",
  "access_type",
  "include_granted_scopes",
  "iss",
  "error",
  "error_description",
  "error_uri",
  "session_state",
  "request_uri",
]);

/**
 * Redacts URL-encoded parameters for display. Secrets become "[redacted]"; state and nonce are
 * shown as a prefix (they are not credentials, but a full value adds nothing); additional
 * parameters the admin configured are shown, since they came from the connection itself.
 */
export function redactParameters(params: URLSearchParams, alsoVisible: readonly string[] = []): Record<string, string> {
  const visible = new Set([...VISIBLE_PARAMETERS, ...alsoVisible.map((k) => k.toLowerCase())]);
  // With the plain method (also the default when no method is sent) the challenge is the verifier
  // itself (RFC 7636 §4.2, §4.3), so it is as secret as code_verifier.
  const challengeIsVerifier = params.get("code_challenge_method") !== "S256";
  const out: Record<string, string> = {};
  for (const [key, value] of params) {
    const lower = key.toLowerCase();
    let shown: string;
    if (SECRET_PARAMETERS.has(lower) || (lower === "code_challenge" && challengeIsVerifier))
      shown = `[redacted, ${value.length} characters]`;
    else if (lower === "state" || lower === "nonce") shown = tokenPrefix(value) ?? "";
    else if (visible.has(lower)) shown = safeText(value, 500) ?? "";
    else shown = "[not shown]";
    out[key] = out[key] !== undefined ? `${out[key]}, ${shown}` : shown;
  }
  return out;
}

/** A URL without its query string and fragment, plus the redacted query parameters. */
export function redactUrl(
  url: string | URL,
  alsoVisible: readonly string[] = [],
): { url: string; query?: Record<string, string> } {
  const parsed = new URL(url);
  const query = parsed.search ? redactParameters(parsed.searchParams, alsoVisible) : undefined;
  return { url: `${parsed.origin}${parsed.pathname}`, ...(query ? { query } : {}) };
}

const SHOWN_REQUEST_HEADERS = new Set(["content-type", "accept", "user-agent", "dpop"]);

/** Request headers for display: Authorization keeps only its scheme (Basic) or a token prefix (Bearer). */
export function redactRequestHeaders(headers: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(headers).forEach((value, name) => {
    if (name === "authorization") {
      const [scheme = "", credentials = ""] = value.split(/\s+/, 2);
      out[name] = /^basic$/i.test(scheme)
        ? "Basic [client credentials redacted]"
        : `${scheme} ${tokenPrefix(credentials) ?? ""}`.trim();
    } else if (name === "dpop") {
      out[name] = "[DPoP proof]";
    } else if (SHOWN_REQUEST_HEADERS.has(name)) {
      out[name] = safeText(value, 200) ?? "";
    }
  });
  return out;
}

const SHOWN_RESPONSE_HEADERS = new Set([
  "content-type",
  "www-authenticate",
  "location",
  "cache-control",
  "dpop-nonce",
  "retry-after",
]);

export function redactResponseHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!SHOWN_RESPONSE_HEADERS.has(name)) return;
    // A Location may carry a code or token in its query (an authorization response).
    out[name] = name === "location" ? describeLocation(value) : (safeText(value, 300) ?? "");
  });
  return out;
}

function describeLocation(value: string): string {
  try {
    const { url, query } = redactUrl(new URL(value, "http://relative.invalid"));
    const base = url.startsWith("http://relative.invalid") ? url.slice("http://relative.invalid".length) : url;
    return query ? `${base}?${new URLSearchParams(query).toString()}` : base;
  } catch {
    return "[unparsable location]";
  }
}

const TOKEN_RESPONSE_FIELDS = ["token_type", "expires_in", "scope", "refresh_token_expires_in", "issued_token_type"];

/** Whitelisted view of a token endpoint JSON response. */
export function redactTokenResponse(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of TOKEN_RESPONSE_FIELDS)
    if (body[key] !== undefined) out[key] = typeof body[key] === "string" ? safeText(body[key]) : body[key];
  for (const key of ["access_token", "refresh_token", "id_token"]) {
    if (typeof body[key] === "string") out[key] = tokenPrefix(body[key] as string);
  }
  Object.assign(out, redactErrorResponse(body));
  const other = Object.keys(body).filter(
    (k) => !(k in out) && !["access_token", "refresh_token", "id_token"].includes(k),
  );
  if (other.length > 0) out.other_fields = other.slice(0, 20).join(", ");
  return out;
}

/** The OAuth error fields of a response (RFC 6749 §5.2), capped. */
export function redactErrorResponse(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof body.error === "string") out.error = safeText(body.error, 100);
  if (typeof body.error_description === "string") out.error_description = safeText(body.error_description);
  if (typeof body.error_uri === "string") out.error_uri = safeText(body.error_uri, 500);
  return out;
}

const METADATA_FIELDS = [
  "issuer",
  "authorization_endpoint",
  "token_endpoint",
  "userinfo_endpoint",
  "jwks_uri",
  "revocation_endpoint",
  "introspection_endpoint",
  "pushed_authorization_request_endpoint",
  "end_session_endpoint",
  "scopes_supported",
  "grant_types_supported",
  "response_types_supported",
  "token_endpoint_auth_methods_supported",
  "code_challenge_methods_supported",
  "authorization_response_iss_parameter_supported",
  "id_token_signing_alg_values_supported",
];

export function redactMetadata(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of METADATA_FIELDS) {
    const value = body[key];
    if (typeof value === "string") out[key] = safeText(value, 500);
    else if (typeof value === "boolean") out[key] = value;
    else if (Array.isArray(value))
      out[key] = value
        .filter((v) => typeof v === "string")
        .slice(0, 40)
        .map((v) => safeText(v, 100));
  }
  return out;
}

// Claims that are themselves credentials or bind to one; never displayed.
const SECRET_CLAIMS = new Set(["at_hash", "c_hash", "s_hash", "cnf", "nonce"]);

/** JWT or userinfo claims for display: bounded, with hash and binding claims reduced to "present". */
export function redactClaims(claims: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(claims).slice(0, 60)) {
    if (SECRET_CLAIMS.has(key)) out[key] = "[present]";
    else if (typeof value === "string") out[key] = safeText(value, 500);
    else if (typeof value === "number" || typeof value === "boolean" || value === null) out[key] = value;
    else out[key] = safeText(JSON.stringify(value), 500);
  }
  return out;
}
