/**
 * An OAuth `error` code (from a JSON body, a WWW-Authenticate challenge or the callback) mapped
 * to its catalogue entry. Non-standard synonyms are diagnosed as the standard code they stand for.
 * @see RFC 6749 §4.1.2.1 and §5.2, RFC 8707 §2, OIDC Core §3.1.2.6
 */
import { safeText } from "@/lib/oauth/redact";
import { AUTHORIZATION_DIAGNOSES } from "@/lib/diagnosis/authorization";
import { ASSERTION_METHODS, diagnoseAssertionRefusal } from "@/lib/diagnosis/client-assertion";
import { diagnosisFrom, type Diagnosis, type DiagnosisContext } from "@/lib/diagnosis/diagnosis";
import { standardCodeFor } from "@/lib/diagnosis/error-code-synonyms";
import { redirectUriMismatch } from "@/lib/diagnosis/mismatches";
import { REFRESH_DIAGNOSES } from "@/lib/diagnosis/refresh";
import { TOKEN_DIAGNOSES } from "@/lib/diagnosis/token";
import { DPOP_DIAGNOSES } from "@/lib/diagnosis/dpop";
import { diagnoseCertificateRefusal, isMtlsMethod } from "@/lib/diagnosis/certificate";
import { diagnoseRequestSecurityRefusal } from "@/lib/diagnosis/classify-request-security";

const GRANT_NAMES: Record<string, string> = {
  client_credentials: "client_credentials",
  authorization_code: "authorization_code",
  authorization_code_pkce: "authorization_code",
};

/** Codes that share one entry; the diagnosis keeps the code the provider sent. */
const SHARED_ENTRIES = {
  login_required: AUTHORIZATION_DIAGNOSES.interaction_required,
  consent_required: AUTHORIZATION_DIAGNOSES.interaction_required,
  interaction_required: AUTHORIZATION_DIAGNOSES.interaction_required,
  account_selection_required: AUTHORIZATION_DIAGNOSES.interaction_required,
  server_error: AUTHORIZATION_DIAGNOSES.server_error,
  temporarily_unavailable: AUTHORIZATION_DIAGNOSES.server_error,
  access_denied: AUTHORIZATION_DIAGNOSES.access_denied,
  invalid_request: TOKEN_DIAGNOSES.invalid_request,
} as const;

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
  const method = context.clientAuthMethod;

  // Some providers (oidc-provider among them) report a grant the client may not use as invalid_request.
  const effectiveCode =
    code === "invalid_request" &&
    /grant[ _]?type/i.test(description ?? "") &&
    /not (allowed|permitted|enabled|authori[sz]ed)|unauthori[sz]ed/i.test(description ?? "")
      ? "unauthorized_client"
      : code;

  if (
    code === "invalid_request" &&
    context.grantType === "authorization_code" &&
    /pkce|code[ _]challenge|proof key/i.test(description ?? "")
  ) {
    return diagnosisFrom(AUTHORIZATION_DIAGNOSES.pkce_required, { said }, { details });
  }
  const requestSecurity = diagnoseRequestSecurityRefusal(code, description, said, details);
  if (requestSecurity) return requestSecurity;
  switch (effectiveCode) {
    case "invalid_client": {
      if (isMtlsMethod(method)) return diagnoseCertificateRefusal(context, said, description, details);
      if (ASSERTION_METHODS.has(method))
        return diagnoseAssertionRefusal(context, {
          description,
          seen: `${extra.status ? `${extra.status} ` : ""}${safeText(code, 100)}${description ? ` “${safeText(description)}”` : " without a description"}`,
          details,
        });
      const other = alternativeAuthMethod(context);
      const entry = method === "none" ? TOKEN_DIAGNOSES.public_client_refused : TOKEN_DIAGNOSES.invalid_client;
      return diagnosisFrom(entry, { said, method, other }, { details: { ...details, try: other } });
    }
    case "invalid_grant":
      if (context.stage === "refresh")
        return diagnosisFrom(REFRESH_DIAGNOSES.refresh_token_refused, { said }, { details });
      if (context.grantType === "client_credentials")
        return diagnosisFrom(TOKEN_DIAGNOSES.client_credentials_refused, { said }, { details });
      return diagnosisFrom(
        TOKEN_DIAGNOSES.authorization_code_refused,
        { said, callbackUrl: context.callbackUrl },
        { details: { ...details, callbackUrl: context.callbackUrl } },
      );
    case "unauthorized_client":
      return diagnosisFrom(
        TOKEN_DIAGNOSES.unauthorized_client,
        { said, grant },
        { details: { ...details, grantType: grant } },
      );
    case "unsupported_grant_type":
      return diagnosisFrom(TOKEN_DIAGNOSES.unsupported_grant_type, { said, grant }, { details });
    case "invalid_scope":
      return diagnosisFrom(
        TOKEN_DIAGNOSES.invalid_scope,
        { said, scopes: context.scopes.join(" ") },
        { details: { ...details, requestedScopes: context.scopes.join(" ") } },
      );
    case "invalid_target":
      return diagnosisFrom(
        TOKEN_DIAGNOSES.invalid_target,
        { said, resource: context.resource ?? "", audience: context.audience ?? "" },
        { details },
      );
    case "invalid_dpop_proof":
    case "use_dpop_nonce":
      return diagnosisFrom(DPOP_DIAGNOSES[effectiveCode], { said }, { details });
    case "invalid_redirect_uri":
    case "redirect_uri_mismatch":
      return redirectUriMismatch(context, details);
  }
  if (Object.hasOwn(SHARED_ENTRIES, effectiveCode)) {
    return diagnosisFrom(
      SHARED_ENTRIES[effectiveCode as keyof typeof SHARED_ENTRIES],
      { said },
      { code: effectiveCode, details },
    );
  }
  return diagnosisFrom(
    TOKEN_DIAGNOSES.provider_error,
    { said, error: `${safeText(code, 100)}`, source: extra.source ?? "" },
    { details },
  );
}

/** The client authentication method to suggest instead of the one that failed. */
function alternativeAuthMethod(context: DiagnosisContext): string {
  const candidates = ["client_secret_basic", "client_secret_post"].filter((m) => m !== context.clientAuthMethod);
  const supported = context.supportedAuthMethods?.filter((m) => m !== context.clientAuthMethod && m !== "none");
  const preferred = candidates.find((m) => !supported || supported.length === 0 || supported.includes(m));
  return preferred ?? supported?.[0] ?? candidates[0]!;
}
