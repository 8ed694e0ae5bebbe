/**
 * Callback: the provider's redirect back to Handshake. First Handshake's own checks (the state
 * must belong to a pending authorization of the signed-in user, once, within 10 minutes), then
 * the response's issuer (RFC 9207).
 */
import type { Catalogue } from "@/lib/diagnosis/diagnosis";
import { ISSUERS_MUST_MATCH, SET_ISSUER_OR_DISTRUST } from "@/lib/diagnosis/shared-wording";

export const CALLBACK_DIAGNOSES = {
  missing_state: {
    code: "missing_state",
    title: "No state in the callback",
    cause:
      "The callback carries no state parameter, so it cannot belong to an authorization Handshake started. A provider that reports an error without the state ends up here too.",
    fix: "Start the test from the connection's page rather than opening the callback URL directly.",
  },
  state_mismatch: {
    code: "state_mismatch",
    title: "State mismatch",
    cause:
      "The callback's state does not match an authorization request that Handshake started for you: it was changed, already used, or belongs to another request.",
    fix: "Start the test again from Handshake, in the same browser session, and complete it within 10 minutes.",
  },
  state_other_user: {
    code: "state_other_user",
    title: "Started by someone else",
    cause:
      "This authorization was started by another Handshake user. A callback only completes for the user who started it.",
    fix: "Start the test yourself from the connection's page.",
  },
  state_replayed: {
    code: "state_replayed",
    title: "Callback already used",
    cause:
      "This callback was already received once. Each authorization response can be used only once, so a repeated one is refused and its code is not redeemed.",
    fix: "Start a new test from the connection's page.",
  },
  authorization_expired: {
    code: "authorization_expired",
    title: "Authorization expired",
    cause: "The callback arrived more than 10 minutes after the test started; the pending authorization had expired.",
    fix: "Start the test again and complete the sign-in within 10 minutes.",
  },
  signed_out: {
    code: "signed_out",
    title: "Signed out",
    cause:
      "You were not signed in to Handshake when the provider redirected back, so the authorization could not be matched to you.",
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
  // RFC 9207 §2.4: a provider that advertises iss must send it; a missing one may be a mix-up.
  issuer_missing: {
    code: "issuer_missing",
    title: "Issuer missing from the callback",
    cause:
      "The provider advertises RFC 9207 issuer identification but the callback carried no iss parameter. The response may come from another provider (a mix-up attack).",
    fix: "Test again; if it persists, check which provider redirected to the callback.",
  },
  callback_issuer_mismatch: {
    code: "issuer_mismatch",
    title: "Issuer mismatch",
    cause: `The callback's iss parameter (RFC 9207) names a different issuer than the connection's. ${ISSUERS_MUST_MATCH}`,
    fix: SET_ISSUER_OR_DISTRUST,
  },
} satisfies Catalogue;
