"use server";

import { completeFirstAdminSetup } from "@/lib/auth/bootstrap";
import { describeWait, reserveAttempt, setupThrottleKeys } from "@/lib/auth/throttle";
import { getRequestContext } from "@/lib/http/request-context";
import { fail, ok, parseInput, runPublicAction, type ActionResult } from "@/lib/actions/action-result";
import { setupSchema, type SetupInput } from "@/lib/schemas/auth";

/** Creates the first admin. Public by necessity, so it needs the one-time code from the server log. */
export async function completeSetup(input: SetupInput): Promise<ActionResult<{ email: string }>> {
  return runPublicAction(async () => {
    const { setupCode, email, name, password } = parseInput(setupSchema, input);
    const { ip, userAgent } = await getRequestContext();

    // Per address, reserved before the code is compared: one address guessing cannot lock the page for everyone.
    const reservation = await reserveAttempt(setupThrottleKeys(ip));
    if (!reservation.allowed)
      return fail(`Too many wrong setup codes. Try again in ${describeWait(reservation.retryAfterSeconds)}.`);

    const outcome = await completeFirstAdminSetup({ setupCode, email, name, password, ip, userAgent });
    if (outcome === "setup-done") return fail("Setup is already complete. Sign in instead.", { code: "setup_done" });
    if (outcome === "wrong-code") {
      return fail("That setup code is not right.", {
        fieldErrors: { setupCode: "That setup code is not right. Copy it from the server log printed at start." },
      });
    }
    return ok({ email });
  });
}
