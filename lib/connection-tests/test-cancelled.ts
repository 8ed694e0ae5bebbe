/** Shown when the provider's sign-in window is closed before it redirected back; shared by the server record and the browser. */
export const TEST_CANCELLED_TITLE = "Sign-in window closed — test cancelled";
