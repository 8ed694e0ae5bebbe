/** Refresh: renewing a token set with its refresh token (RFC 6749 §6). */
import type { Catalogue } from "@/lib/diagnosis/diagnosis";
import type { Said } from "@/lib/diagnosis/shared-wording";

export const REFRESH_DIAGNOSES = {
  refresh_token_refused: {
    code: "invalid_grant",
    title: "Refresh token refused",
    cause: (facts: Said) =>
      `The provider refused the refresh token: it was revoked, expired, or already used (providers that rotate refresh tokens accept each one once).${facts.said}`,
    fix: "Authorize again to get a new token set. If this happens right after a successful sign-in, check the provider's refresh-token settings for this client.",
  },
  no_refresh_token: {
    code: "no_refresh_token",
    title: "No refresh token",
    cause: "The stored token set has no refresh token, so the expired access token cannot be renewed.",
    fix: "Authorize the connection again; many providers issue a refresh token only with the offline_access scope.",
  },
  // RFC 9700 §4.14: a refresh token is only ever sent to the authorization server that issued it.
  token_binding_changed: {
    code: "token_binding_changed",
    title: "Stored tokens not sent to a new place",
    cause: (facts: { change: string }) =>
      `${facts.change} The stored tokens were issued there and were not sent anywhere else.`,
    fix: "Authorize the connection again (Test connection, or Connect my account for a user's own tokens), so the provider it now points at issues new tokens.",
  },
  // A scheduled check's refresh that failed for now (the token set cools down and is tried again).
  refresh_unavailable: {
    code: "refresh_unavailable",
    title: "Token refresh failed for now",
    cause: (facts: { reason: string }) => `A scheduled check could not refresh a stored token set: ${facts.reason}`,
    fix: "Check whether the provider's token endpoint is up; the next check tries again.",
  },
} satisfies Catalogue;
