/** What the sign-in form and the server agree on about the second step (safe for the browser). */

/** The error next-auth passes to the sign-in form when the password was right and a code is needed. */
export const SECOND_FACTOR_REQUIRED = "SecondFactorRequired";

export const ENTER_CODE = "Enter the code from your authenticator app, or a recovery code.";
