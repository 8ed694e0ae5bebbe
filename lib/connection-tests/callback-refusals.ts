/**
 * Why the callback refused to finish an authorization, in words for the page it redirects to.
 * The page gets only the reason code in its URL, never the callback's parameters.
 */
import { stateMismatch, type Diagnosis } from "@/lib/connection-tests/diagnosis/diagnose-error";

const REFUSAL_REASONS = ["missing_state", "unknown_state", "other_user", "replayed", "expired", "signed_out", "forbidden", "internal_error"] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export function isRefusalReason(value: unknown): value is RefusalReason {
  return typeof value === "string" && (REFUSAL_REASONS as readonly string[]).includes(value);
}

export const REFUSALS: Record<RefusalReason, Diagnosis> = {
  missing_state: {
    code: "missing_state",
    title: "No state in the callback",
    cause: "The callback carries no state parameter, so it cannot belong to an authorization Handshake started. A provider that reports an error without the state ends up here too.",
    fix: "Start the test from the connection's page rather than opening the callback URL directly.",
  },
  unknown_state: stateMismatch(),
  other_user: {
    code: "state_other_user",
    title: "Started by someone else",
    cause: "This authorization was started by another Handshake user. A callback only completes for the user who started it.",
    fix: "Start the test yourself from the connection's page.",
  },
  replayed: {
    code: "state_replayed",
    title: "Callback already used",
    cause: "This callback was already received once. Each authorization response can be used only once, so a repeated one is refused and its code is not redeemed.",
    fix: "Start a new test from the connection's page.",
  },
  expired: {
    code: "authorization_expired",
    title: "Authorization expired",
    cause: "The callback arrived more than 10 minutes after the test started; the pending authorization had expired.",
    fix: "Start the test again and complete the sign-in within 10 minutes.",
  },
  signed_out: {
    code: "signed_out",
    title: "Signed out",
    cause: "You were not signed in to Handshake when the provider redirected back, so the authorization could not be matched to you.",
    fix: "Sign in and start the test again.",
  },
  internal_error: {
    code: "internal_error",
    title: "Could not finish the authorization",
    cause: "Handshake hit an internal error while finishing the authorization. Nothing was stored.",
    fix: "Start the test again. If it keeps failing, check the server log for this time.",
  },
  forbidden: {
    code: "forbidden",
    title: "Not allowed",
    cause: "Only admins can test connections or connect accounts.",
    fix: "Ask an admin to run the test.",
  },
};
