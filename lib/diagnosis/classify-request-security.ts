/**
 * Refusals of the request security options: PAR required (RFC 9126 §5), a pushed request_uri the
 * provider no longer knows (§2.2), a signed request object required or refused (RFC 9101 §6.3,
 * §10.5). Providers word the requirement in their error_description, so it is matched there.
 */
import { AUTHORIZATION_DIAGNOSES } from "@/lib/diagnosis/authorization";
import { diagnosisFrom, type Diagnosis } from "@/lib/diagnosis/diagnosis";

const REQUIRED = /\b(must|required?|requires|mandatory|only)\b/i;
const NAMES_PAR = /pushed[ _-]?authori[sz]ation[ _-]?requests?|\bPAR\b/i;
const NAMES_REQUEST_OBJECT = /(signed[ _-]?)?request[ _-]?object|\bJAR\b/i;

/** The request security diagnosis for an OAuth error, or undefined when it is about something else. */
export function diagnoseRequestSecurityRefusal(
  code: string,
  description: string | undefined,
  said: string,
  details: Record<string, string>,
): Diagnosis | undefined {
  const text = description ?? "";
  if (code === "invalid_request_uri")
    return diagnosisFrom(AUTHORIZATION_DIAGNOSES.request_uri_invalid, { said }, { details });
  if (code === "invalid_request_object" || code === "request_not_supported")
    return diagnosisFrom(AUTHORIZATION_DIAGNOSES.jar_refused, { said, error: code }, { details });
  if (code !== "invalid_request" || !REQUIRED.test(text)) return undefined;
  if (NAMES_PAR.test(text)) return diagnosisFrom(AUTHORIZATION_DIAGNOSES.par_required, { said }, { details });
  if (NAMES_REQUEST_OBJECT.test(text))
    return diagnosisFrom(AUTHORIZATION_DIAGNOSES.jar_required, { said }, { details });
  return undefined;
}
