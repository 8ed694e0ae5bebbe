"use server";

import { auditActorFor } from "@/lib/auth/session";
import { confirmTotpEnrolment, removeTotp, startTotpEnrolment, type TotpEnrolment } from "@/lib/auth/totp-enrolment";
import { ok, parseInput, runAction, type ActionResult } from "@/lib/actions/action-result";
import { confirmTotpSchema, type ConfirmTotpInput } from "@/lib/schemas/auth";

// Each works for a user who must add a second factor before anything else (lib/auth/session.ts).
const ENROLMENT = { secondFactorEnrolment: true } as const;

/** A new secret for the signed-in user, shown this once for the app to scan or type in. */
export async function startTotpEnrolmentAction(): Promise<ActionResult<TotpEnrolment>> {
  return runAction("AUDITOR", async (user) => ok(await startTotpEnrolment(user)), ENROLMENT);
}

/** Turns the app on with a code it shows; the recovery codes come back this once. */
export async function confirmTotpEnrolmentAction(
  input: ConfirmTotpInput,
): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  return runAction(
    "AUDITOR",
    async (user) => {
      const { code } = parseInput(confirmTotpSchema, input);
      return ok(await confirmTotpEnrolment(user, await auditActorFor(user), code));
    },
    ENROLMENT,
  );
}

export async function removeTotpAction(): Promise<ActionResult> {
  return runAction(
    "AUDITOR",
    async (user) => {
      await removeTotp(user, await auditActorFor(user));
      return ok(undefined, "Authenticator app removed.");
    },
    ENROLMENT,
  );
}
