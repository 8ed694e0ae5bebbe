"use server";

import { completeFirstAdminSetup } from "@/lib/auth/bootstrap";
import { checkThrottle, recordFailure } from "@/lib/auth/throttle";
import { getRequestContext } from "@/lib/http/request-context";
import { fail, ok, validationFailure, type ActionResult } from "@/lib/actions/action-result";
import { failureForUnexpectedError } from "@/lib/actions/unexpected-error";
import { setupSchema, type SetupInput } from "@/lib/schemas/auth";

/** Creates the first admin. Public by necessity, so it needs the one-time code from the server log. */
export async function completeSetup(input: SetupInput): Promise<ActionResult<{ email: string }>> {
  try {
    return await setUp(input);
  } catch (error) {
    return failureForUnexpectedError(error);
  }
}

async function setUp(input: SetupInput): Promise<ActionResult<{ email: string }>> {
  const parsed = setupSchema.safeParse(input);
  if (!parsed.success) return validationFailure(parsed.error);
  const { ip, userAgent } = await getRequestContext();

  const throttle = await checkThrottle("setup", ip);
  if (throttle.locked) return fail(`Too many wrong setup codes. Try again in ${Math.ceil(throttle.retryAfterSeconds / 60)} minutes.`);

  const { setupCode, email, name, password } = parsed.data;
  const outcome = await completeFirstAdminSetup({ setupCode, email, name, password, ip, userAgent });
  if (outcome === "setup-done") return fail("Setup is already complete. Sign in instead.", { code: "setup_done" });
  if (outcome === "wrong-code") {
    await recordFailure("setup", ip);
    return fail("That setup code is not right.", { fieldErrors: { setupCode: "That setup code is not right. Copy it from the server log printed at start." } });
  }
  return ok({ email });
}
