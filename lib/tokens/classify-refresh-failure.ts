/**
 * Sorts a failed refresh into the two cases that need different handling: the provider rejected
 * the grant (invalid_grant and kin: retrying cannot help, only a new authorization), or the
 * provider could not answer properly right now (timeout, network, 5xx, 429: retry after a
 * cool-down). The diagnosis text comes from the test engine's diagnoser, so it is redacted.
 */
import type { Connection } from "@/lib/db/generated/client";
import { readConnectionSettings } from "@/lib/connections/connection-settings";
import { ClientError, ResponseBodyError, WWWAuthenticateChallengeError } from "@/lib/oauth/protocol-errors";
import { CONFIGURATION_DIAGNOSES } from "@/lib/diagnosis/configuration";
import { diagnoseError } from "@/lib/diagnosis/diagnose-error";
import type { Diagnosis } from "@/lib/diagnosis/diagnosis";
import { diagnosisContextFor } from "@/lib/diagnosis/diagnosis-context";

/**
 * `where`: the provider, or the console itself (a stored secret it cannot open). Both are retried
 * after the cool-down, but the audit trail must not blame a provider that was never called.
 */
export type RefreshFailure = { kind: "rejected" | "transient"; where: "provider" | "console"; diagnosis: Diagnosis };

const TRANSIENT_OAUTH_ERRORS = new Set(["temporarily_unavailable", "server_error", "slow_down"]);
const TRANSIENT_CLIENT_CODES = new Set([
  "OAUTH_RESPONSE_IS_NOT_CONFORM",
  "OAUTH_RESPONSE_IS_NOT_JSON",
  "OAUTH_TIMEOUT",
  "OAUTH_ABORT",
  "OAUTH_PARSE_ERROR",
]);
// Diagnosis codes (lib/diagnosis/) of failures that say nothing about the grant.
const TRANSIENT_DIAGNOSES = new Set([
  "timeout",
  "connection_refused",
  "network_error",
  "dns_failure",
  "tls_error",
  "html_response",
  "non_json_response",
  "endpoint_not_found",
  "unexpected_error",
  "invalid_json",
]);

export async function classifyRefreshFailure(error: unknown, connection: Connection): Promise<RefreshFailure> {
  const settings = readConnectionSettings(connection);
  const diagnosis = await diagnoseError(error, diagnosisContextFor(connection, settings, "refresh", undefined));
  if (diagnosis.code === CONFIGURATION_DIAGNOSES.stored_secret_unreadable.code)
    return { kind: "transient", where: "console", diagnosis };
  return { kind: isTransient(error, diagnosis) ? "transient" : "rejected", where: "provider", diagnosis };
}

function isTransient(error: unknown, diagnosis: Diagnosis): boolean {
  if (error instanceof ResponseBodyError)
    return error.status >= 500 || error.status === 429 || TRANSIENT_OAUTH_ERRORS.has(error.error);
  if (error instanceof WWWAuthenticateChallengeError) return error.status >= 500;
  if (error instanceof ClientError && TRANSIENT_CLIENT_CODES.has(error.code ?? "")) return true;
  return TRANSIENT_DIAGNOSES.has(diagnosis.code) || error instanceof TypeError;
}

/** One line for the token set's lastRefreshError and the API's problem detail. */
export function describeFailure(diagnosis: Diagnosis): string {
  const code = diagnosis.details?.error ? ` (${diagnosis.details.error})` : "";
  return `${diagnosis.title}${code}: ${diagnosis.cause}`.slice(0, 600);
}
