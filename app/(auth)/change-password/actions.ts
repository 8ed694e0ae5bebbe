"use server";

import { auditActorFor } from "@/lib/auth/session";
import { describeWait } from "@/lib/auth/throttle";
import { changeOwnPassword as changeStoredPassword } from "@/lib/users/manage-users";
import { fail, ok, parseInput, runAction, type ActionResult } from "@/lib/actions/action-result";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/schemas/auth";

/** Changes the signed-in user's own password; other sessions of theirs end (tokenVersion). */
export async function changeOwnPassword(input: ChangePasswordInput): Promise<ActionResult<{ email: string }>> {
  return runAction(
    "AUDITOR",
    async (user) => {
      const { currentPassword, password } = parseInput(changePasswordSchema, input);
      const change = await changeStoredPassword(user, await auditActorFor(user), {
        currentPassword,
        newPassword: password,
      });
      if (!change.changed) {
        const message =
          change.reason === "throttled"
            ? `Too many wrong current passwords. Try again in ${describeWait(change.retryAfterSeconds)}.`
            : "The current password is not right.";
        return fail(message, { fieldErrors: { currentPassword: message } });
      }
      return ok({ email: user.email });
    },
    { passwordChange: true },
  );
}
