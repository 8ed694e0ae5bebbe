/**
 * Why the callback refused to finish an authorization, in words for the page it redirects to.
 * The page gets only the reason code in its URL, never the callback's parameters.
 */
import { stateMismatch } from "@/lib/diagnosis/mismatches";
import { CALLBACK_DIAGNOSES } from "@/lib/diagnosis/callback";
import { fixedDiagnosis, type Diagnosis } from "@/lib/diagnosis/diagnosis";

const REFUSAL_REASONS = [
  "missing_state",
  "unknown_state",
  "other_user",
  "replayed",
  "expired",
  "signed_out",
  "forbidden",
  "internal_error",
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export function isRefusalReason(value: unknown): value is RefusalReason {
  return typeof value === "string" && (REFUSAL_REASONS as readonly string[]).includes(value);
}

export const REFUSALS: Record<RefusalReason, Diagnosis> = {
  missing_state: fixedDiagnosis(CALLBACK_DIAGNOSES.missing_state),
  unknown_state: stateMismatch(),
  other_user: fixedDiagnosis(CALLBACK_DIAGNOSES.state_other_user),
  replayed: fixedDiagnosis(CALLBACK_DIAGNOSES.state_replayed),
  expired: fixedDiagnosis(CALLBACK_DIAGNOSES.authorization_expired),
  signed_out: fixedDiagnosis(CALLBACK_DIAGNOSES.signed_out),
  internal_error: fixedDiagnosis(CALLBACK_DIAGNOSES.internal_error),
  forbidden: fixedDiagnosis(CALLBACK_DIAGNOSES.forbidden),
};
