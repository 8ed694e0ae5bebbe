/** The mismatches flows raise themselves: issuer (discovery, callback, ID token), state, redirect URI. */
import { AUTHORIZATION_DIAGNOSES } from "@/lib/diagnosis/authorization";
import { CALLBACK_DIAGNOSES } from "@/lib/diagnosis/callback";
import { diagnosisFrom, fixedDiagnosis, type DiagnosisContext, type Diagnosis } from "@/lib/diagnosis/diagnosis";
import { DISCOVERY_DIAGNOSES } from "@/lib/diagnosis/discovery";
import { ID_TOKEN_DIAGNOSES } from "@/lib/diagnosis/id-token";

const ISSUER_MISMATCH = {
  discovery: DISCOVERY_DIAGNOSES.discovery_issuer_mismatch,
  callback: CALLBACK_DIAGNOSES.callback_issuer_mismatch,
  id_token: ID_TOKEN_DIAGNOSES.id_token_issuer_mismatch,
};

export function issuerMismatch(
  where: "discovery" | "callback" | "id_token",
  expected: string,
  actual: string,
): Diagnosis {
  return diagnosisFrom(ISSUER_MISMATCH[where], { actual }, { details: { expected, actual } });
}

export function stateMismatch(): Diagnosis {
  return fixedDiagnosis(CALLBACK_DIAGNOSES.state_mismatch);
}

export function redirectUriMismatch(
  context: Pick<DiagnosisContext, "callbackUrl">,
  details: Record<string, string> = {},
): Diagnosis {
  return diagnosisFrom(
    AUTHORIZATION_DIAGNOSES.redirect_uri_mismatch,
    { callbackUrl: context.callbackUrl },
    { details: { ...details, callbackUrl: context.callbackUrl } },
  );
}
