/**
 * openid-client's own errors: a WWW-Authenticate challenge, and a ClientError by its code (a
 * response it could not use, metadata it missed, an ID token that failed validation).
 */
import type { ClientError, WWWAuthenticateChallengeError } from "@/lib/oauth/protocol-errors";
import { safeText } from "@/lib/oauth/redact";
import { diagnoseOAuthError } from "@/lib/diagnosis/classify-oauth-error";
import { diagnoseUnexpectedResponse, readJsonFields } from "@/lib/diagnosis/classify-response";
import { diagnoseNetwork, timeout } from "@/lib/diagnosis/classify-transport";
import { CALLBACK_DIAGNOSES } from "@/lib/diagnosis/callback";
import {
  diagnosisFrom,
  ENDPOINT_NAMES,
  fixedDiagnosis,
  type Diagnosis,
  type DiagnosisContext,
} from "@/lib/diagnosis/diagnosis";
import { DISCOVERY_DIAGNOSES } from "@/lib/diagnosis/discovery";
import { ID_TOKEN_DIAGNOSES } from "@/lib/diagnosis/id-token";
import { issuerMismatch, stateMismatch } from "@/lib/diagnosis/mismatches";
import { RESPONSE_DIAGNOSES } from "@/lib/diagnosis/response";
import { TOKEN_DIAGNOSES } from "@/lib/diagnosis/token";
import { USERINFO_DIAGNOSES } from "@/lib/diagnosis/userinfo";

export async function diagnoseChallenge(
  error: WWWAuthenticateChallengeError,
  context: DiagnosisContext,
): Promise<Diagnosis> {
  const challenge = error.cause[0];
  const header = challenge
    ? `${challenge.scheme}${
        Object.keys(challenge.parameters).length
          ? " " +
            Object.entries(challenge.parameters)
              .map(([k, v]) => `${k}="${v}"`)
              .join(", ")
          : ""
      }`
    : "";
  let code = challenge?.parameters.error;
  let description = challenge?.parameters.error_description;
  if (!code) {
    const body = await readJsonFields(error.response);
    code = typeof body?.error === "string" ? body.error : undefined;
    description ??= typeof body?.error_description === "string" ? body.error_description : undefined;
  }
  const details = { status: String(error.status), "www-authenticate": safeText(header, 300) ?? "" };
  if (context.stage === "userinfo" && code !== "invalid_dpop_proof" && code !== "use_dpop_nonce") {
    return diagnosisFrom(
      USERINFO_DIAGNOSES.userinfo_unauthorized,
      { status: String(error.status), error: code ?? "" },
      { code: code ?? undefined, details },
    );
  }
  if (code) {
    const diagnosis = diagnoseOAuthError(code, description, context, { status: error.status });
    return { ...diagnosis, details: { ...diagnosis.details, ...details } };
  }
  // A bare 401 challenge from the token endpoint is how providers say the client failed to authenticate.
  const diagnosis = diagnoseOAuthError("invalid_client", undefined, context, { status: error.status });
  return {
    ...diagnosis,
    cause: `The ${ENDPOINT_NAMES[context.stage]} answered ${error.status} with a WWW-Authenticate challenge. ${diagnosis.cause}`,
    details: { ...diagnosis.details, ...details },
  };
}

export async function diagnoseClientError(error: ClientError, context: DiagnosisContext): Promise<Diagnosis> {
  const endpoint = ENDPOINT_NAMES[context.stage];
  const cause = error.cause as Record<string, unknown> | Response | undefined;
  switch (error.code) {
    case "OAUTH_RESPONSE_IS_NOT_CONFORM":
    case "OAUTH_RESPONSE_IS_NOT_JSON":
      if (cause instanceof Response)
        return diagnoseUnexpectedResponse(cause, context, error.code === "OAUTH_RESPONSE_IS_NOT_JSON");
      break;
    case "OAUTH_PARSE_ERROR":
      return diagnosisFrom(RESPONSE_DIAGNOSES.invalid_json, { endpoint });
    case "OAUTH_TIMEOUT":
      return timeout(context);
    case "OAUTH_HTTP_REQUEST_FORBIDDEN":
    case "OAUTH_REQUEST_PROTOCOL_FORBIDDEN":
      return diagnosisFrom(RESPONSE_DIAGNOSES.insecure_url, { endpoint });
    case "OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED": {
      const expected =
        typeof (cause as { expected?: unknown })?.expected === "string"
          ? (cause as { expected: string }).expected
          : (context.issuer ?? "");
      const body = (cause as { body?: { issuer?: unknown } })?.body;
      const actual = typeof body?.issuer === "string" ? body.issuer : "";
      return issuerMismatch("discovery", expected, actual);
    }
    case "OAUTH_MISSING_SERVER_METADATA":
    case "OAUTH_INVALID_SERVER_METADATA": {
      const attribute = safeText((cause as { attribute?: unknown })?.attribute, 100) ?? "an endpoint";
      return diagnosisFrom(DISCOVERY_DIAGNOSES.missing_endpoint, { attribute }, { details: { attribute } });
    }
    case "OAUTH_INVALID_RESPONSE":
      return diagnoseInvalidResponse(error, context);
    case "OAUTH_JWT_CLAIM_COMPARISON_FAILED":
      return diagnoseClaimComparison(error, context);
    case "OAUTH_JWT_TIMESTAMP_CHECK_FAILED": {
      const claim =
        safeText(
          (error.cause as { cause?: { claim?: unknown } })?.cause?.claim ?? (cause as { claim?: unknown })?.claim,
          20,
        ) ?? "exp";
      return diagnosisFrom(ID_TOKEN_DIAGNOSES.clock_skew, { claim }, { details: { claim } });
    }
    case "OAUTH_KEY_SELECTION_FAILED":
      return fixedDiagnosis(ID_TOKEN_DIAGNOSES.id_token_key_not_found);
    case "OAUTH_UNSUPPORTED_OPERATION":
      return diagnosisFrom(RESPONSE_DIAGNOSES.unsupported_response, { message: `${safeText(error.message, 120)}` });
  }
  const network = diagnoseNetwork(error.cause, context);
  if (network) return network;
  return diagnosisFrom(
    RESPONSE_DIAGNOSES.client_error,
    { endpoint, message: `${safeText(error.message, 200)}`, errorCode: error.code ?? "" },
    { details: error.code ? { code: error.code } : undefined },
  );
}

function diagnoseInvalidResponse(error: ClientError, context: DiagnosisContext): Diagnosis {
  const inner = error.cause as
    { message?: string; cause?: { expected?: unknown; parameters?: URLSearchParams } } | undefined;
  const message = inner?.message ?? "";
  if (message.includes('"iss"') && message.includes("response parameter")) {
    const actual = inner?.cause?.parameters?.get("iss") ?? "";
    if (message.includes("missing")) return fixedDiagnosis(CALLBACK_DIAGNOSES.issuer_missing);
    return issuerMismatch(
      "callback",
      typeof inner?.cause?.expected === "string" ? inner.cause.expected : (context.issuer ?? ""),
      actual,
    );
  }
  if (message.includes('"state"')) return stateMismatch();
  if (message.includes("signature verification failed"))
    return fixedDiagnosis(ID_TOKEN_DIAGNOSES.id_token_signature_invalid);
  if (message.includes('"alg"')) return fixedDiagnosis(ID_TOKEN_DIAGNOSES.id_token_algorithm);
  if (message.includes("access_token") || message.includes("token_type")) {
    return diagnosisFrom(TOKEN_DIAGNOSES.invalid_token_response, { message: `${safeText(message, 150)}` });
  }
  const facts = { message: safeText(message, 200) ?? "" };
  if (message.includes("JWT")) return diagnosisFrom(ID_TOKEN_DIAGNOSES.id_token_invalid, facts);
  // At the ID token stage every invalid response is the ID token's.
  return diagnosisFrom(RESPONSE_DIAGNOSES.invalid_response, facts, {
    code: context.stage === "id_token" ? "id_token_invalid" : undefined,
  });
}

function diagnoseClaimComparison(error: ClientError, context: DiagnosisContext): Diagnosis {
  const inner = error.cause as
    { message?: string; cause?: { claim?: unknown; expected?: unknown; claims?: Record<string, unknown> } } | undefined;
  const claim = typeof inner?.cause?.claim === "string" ? inner.cause.claim : "";
  const actual = inner?.cause?.claims?.[claim];
  const expected = inner?.cause?.expected;
  if (claim === "iss")
    return issuerMismatch(
      "id_token",
      typeof expected === "string" ? expected : (context.issuer ?? ""),
      typeof actual === "string" ? actual : "",
    );
  if (claim === "nonce") return fixedDiagnosis(ID_TOKEN_DIAGNOSES.nonce_mismatch);
  if (claim === "aud" || claim === "azp") {
    const shown = Array.isArray(actual) ? actual.join(", ") : String(actual ?? "");
    return diagnosisFrom(
      ID_TOKEN_DIAGNOSES.id_token_audience,
      { claim, actual: `${safeText(shown, 120)}` },
      { details: { claim, actual: safeText(shown, 200) ?? "" } },
    );
  }
  return diagnosisFrom(ID_TOKEN_DIAGNOSES.id_token_claim, {
    message: `${safeText(inner?.message ?? error.message, 200)}`,
  });
}
