/**
 * Turns whatever went wrong during a test into a diagnosis an admin can act on: what happened,
 * the likely cause, and the fix. Classifies the error and takes the words from the stage's
 * catalogue. Reads only whitelisted fields of errors (some openid-client errors carry the whole
 * token response in `cause.body`), never a raw response body.
 */
import { SecretDecryptionError } from "@/lib/crypto/secret-box";
import { OutboundBlockedError } from "@/lib/net/address-policy";
import {
  AuthorizationResponseError,
  ClientError,
  ResponseBodyError,
  WWWAuthenticateChallengeError,
} from "@/lib/oauth/protocol-errors";
import { safeText } from "@/lib/oauth/redact";
import { diagnoseChallenge, diagnoseClientError } from "@/lib/diagnosis/classify-client-error";
import { diagnoseOAuthError } from "@/lib/diagnosis/classify-oauth-error";
import { diagnoseBlocked, diagnoseNetwork, findInChain } from "@/lib/diagnosis/classify-transport";
import { DiagnosedError, diagnosisFrom, type Diagnosis, type DiagnosisContext } from "@/lib/diagnosis/diagnosis";
import { CONFIGURATION_DIAGNOSES } from "@/lib/diagnosis/configuration";
import { RESPONSE_DIAGNOSES } from "@/lib/diagnosis/response";

export async function diagnoseError(error: unknown, context: DiagnosisContext): Promise<Diagnosis> {
  if (error instanceof DiagnosedError) return error.diagnosis;
  if (findInChain(error, (e): e is SecretDecryptionError => e instanceof SecretDecryptionError))
    return diagnosisFrom(CONFIGURATION_DIAGNOSES.stored_secret_unreadable, {});
  const blocked = findInChain(error, (e): e is OutboundBlockedError => e instanceof OutboundBlockedError);
  if (blocked) return diagnoseBlocked(blocked);

  if (error instanceof AuthorizationResponseError) {
    return diagnoseOAuthError(error.error, error.error_description, context, { source: "the authorization response" });
  }
  if (error instanceof ResponseBodyError) {
    return diagnoseOAuthError(error.error, error.error_description, context, { status: error.status });
  }
  if (error instanceof WWWAuthenticateChallengeError) return diagnoseChallenge(error, context);
  if (error instanceof ClientError) return diagnoseClientError(error, context);

  const network = diagnoseNetwork(error, context);
  if (network) return network;

  return diagnosisFrom(RESPONSE_DIAGNOSES.unexpected_error, {
    error: error instanceof Error ? `${error.name}: ${safeText(error.message, 200)}` : "",
  });
}
