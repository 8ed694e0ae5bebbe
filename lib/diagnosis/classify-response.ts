/**
 * An HTTP response that is not what OAuth expects: a redirect, a bare refusal, non-standard JSON,
 * a 404, a web page. Reads only the status, the content type and whitelisted JSON fields; a body
 * is never shown.
 */
import { safeText } from "@/lib/oauth/redact";
import { ASSERTION_METHODS, diagnoseAssertionRefusal } from "@/lib/diagnosis/client-assertion";
import { diagnosisFrom, ENDPOINT_NAMES, type Diagnosis, type DiagnosisContext } from "@/lib/diagnosis/diagnosis";
import { RESPONSE_DIAGNOSES } from "@/lib/diagnosis/response";
import { TOKEN_DIAGNOSES } from "@/lib/diagnosis/token";

/** Statuses a token endpoint refuses a request with; with no OAuth error in the body, the refusal is bare. */
const REFUSAL_STATUSES = [400, 401, 403];

export async function diagnoseUnexpectedResponse(
  response: Response,
  context: DiagnosisContext,
  okStatusButNotJson: boolean,
): Promise<Diagnosis> {
  const endpoint = ENDPOINT_NAMES[context.stage];
  const status = String(response.status);
  const contentType = safeText(response.headers.get("content-type") ?? "none", 100) ?? "none";
  const details: Record<string, string> = { status, contentType };
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get("location");
    const requested = response.url || (endpoint === "token endpoint" ? context.tokenEndpoint : undefined);
    const target =
      location && requested && URL.canParse(location, requested) ? new URL(location, requested).href : undefined;
    if (target && target === `${requested}/`)
      return diagnosisFrom(
        RESPONSE_DIAGNOSES.endpoint_needs_trailing_slash,
        { endpoint, status, url: target },
        { details: { ...details, redirectsTo: target } },
      );
    if (location)
      details.redirectsTo =
        safeText(
          URL.canParse(location, response.url || "http://x.invalid")
            ? new URL(location, response.url || "http://x.invalid").origin
            : "elsewhere",
          200,
        ) ?? "";
    return diagnosisFrom(RESPONSE_DIAGNOSES.unexpected_redirect, { endpoint, status }, { details });
  }
  const tokenEndpoint = context.stage === "token" || context.stage === "callback" || context.stage === "refresh";
  const text =
    tokenEndpoint && !response.bodyUsed
      ? await response
          .clone()
          .text()
          .catch(() => "")
      : "";
  if (tokenEndpoint && isBareRefusal(response.status, contentType, text)) {
    const empty = !text.trim();
    if (ASSERTION_METHODS.has(context.clientAuthMethod))
      return diagnoseAssertionRefusal(context, {
        seen: `${status} with ${empty ? "an empty body" : `a ${contentType} body that is not an OAuth error`} (no error code, no description)`,
        details: { status, contentType, body: empty ? "empty" : "not JSON (not shown)" },
      });
    return diagnosisFrom(
      TOKEN_DIAGNOSES.refused_without_reason,
      {
        status,
        empty,
        contentType,
        method: context.clientAuthMethod,
        grant: context.grantType === "client_credentials" ? "client_credentials" : "authorization_code",
      },
      { details: { status, contentType, body: empty ? "empty" : "not JSON (not shown)" } },
    );
  }
  if (!okStatusButNotJson && /json/i.test(contentType)) {
    const body = await readJsonFields(response);
    const nonStandard = describeNonStandardError(body);
    if (nonStandard) details.providerError = nonStandard;
    if (nonStandard || response.status >= 400) {
      return diagnosisFrom(
        RESPONSE_DIAGNOSES.non_standard_error,
        { endpoint, status, providerError: nonStandard ?? "" },
        { details },
      );
    }
  }
  if (response.status === 404) return diagnosisFrom(RESPONSE_DIAGNOSES.endpoint_not_found, { endpoint }, { details });
  const entry = /html/i.test(contentType) ? RESPONSE_DIAGNOSES.html_response : RESPONSE_DIAGNOSES.non_json_response;
  return diagnosisFrom(entry, { endpoint, status, contentType }, { details });
}

/**
 * A refusal without a reason: an empty body, or one that is neither JSON nor HTML. HTML is not
 * this case: a web page means a wrong URL, a proxy or a login page (html_response).
 */
function isBareRefusal(status: number, contentType: string, bodyText: string): boolean {
  if (!REFUSAL_STATUSES.includes(status)) return false;
  if (!bodyText.trim()) return true;
  return !/html/i.test(contentType) && !looksLikeJson(bodyText);
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export async function readJsonFields(response: Response | undefined): Promise<Record<string, unknown> | undefined> {
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
  const code = [nested?.code, nested?.status, body.error_code, body.errorCode, body.code].find(
    (v) => typeof v === "string" || typeof v === "number",
  );
  const message = [nested?.message, body.message, body.errorMessage, body.error_message, body.detail].find(
    (v) => typeof v === "string",
  );
  if (code === undefined && message === undefined) return undefined;
  return [code !== undefined ? safeText(String(code), 80) : undefined, safeText(message, 200)]
    .filter(Boolean)
    .join(": ");
}
