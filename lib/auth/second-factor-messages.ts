/** What the sign-in form and the server agree on about the second step (safe for the browser). */
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";

/** The start of the error next-auth passes to the sign-in form when the password was right and a second factor is needed. */
export const SECOND_FACTOR_REQUIRED = "SecondFactorRequired";

export const ENTER_CODE = "Enter the code from your authenticator app, or a recovery code.";

/** What the second step offers: a code field, and a passkey prompt with its one-time challenge. */
export type SecondFactorChallenge = { totp: boolean; passkey: PublicKeyCredentialRequestOptionsJSON | null };

export function secondFactorRequiredError(challenge: SecondFactorChallenge): string {
  return `${SECOND_FACTOR_REQUIRED}:${JSON.stringify(challenge)}`;
}

/** The challenge a sign-in error carries, or null for any other error. */
export function secondFactorChallengeOf(error: string | null | undefined): SecondFactorChallenge | null {
  if (!error?.startsWith(`${SECOND_FACTOR_REQUIRED}:`)) return null;
  try {
    return JSON.parse(error.slice(SECOND_FACTOR_REQUIRED.length + 1)) as SecondFactorChallenge;
  } catch {
    return null;
  }
}
