"use server";

import { revalidatePath } from "next/cache";
import { auditActorFor } from "@/lib/auth/session";
import { fail, ok, parseInput, runAction, type ActionResult } from "@/lib/actions/action-result";
import {
  changeRoleSchema,
  createUserSchema,
  secondFactorPolicySchema,
  sessionLimitsSchema,
  userIdSchema,
  type CreateUserInput,
  type SecondFactorPolicyInput,
  type SessionLimitsInput,
} from "@/lib/schemas/auth";
import { setSecondFactorRequired } from "@/lib/auth/second-factor-policy";
import { setSessionLimits } from "@/lib/auth/session-policy";
import { createUser, resetUserPassword, setUserDisabled, setUserRole } from "@/lib/users/manage-users";

export async function createUserAction(
  input: CreateUserInput,
): Promise<ActionResult<{ email: string; oneTimePassword: string }>> {
  return runAction("ADMIN", async (user) => {
    const parsed = parseInput(createUserSchema, input);
    const created = await createUser(await auditActorFor(user), parsed);
    revalidatePath("/users");
    return ok({ email: created.email, oneTimePassword: created.oneTimePassword! }, `Created ${created.email}.`);
  });
}

export async function changeUserRoleAction(input: { userId: string; role: string }): Promise<ActionResult> {
  return runAction("ADMIN", async (user) => {
    const parsed = parseInput(changeRoleSchema, input);
    await setUserRole(await auditActorFor(user), parsed.userId, parsed.role);
    revalidatePath("/users");
    return ok(undefined, "Role changed. Their open sessions have ended.");
  });
}

export async function setUserDisabledAction(input: { userId: string; disabled: boolean }): Promise<ActionResult> {
  return runAction("ADMIN", async (user) => {
    const parsed = parseInput(userIdSchema, input, "Unknown user.");
    if (typeof input.disabled !== "boolean") return fail("Unknown user.");
    await setUserDisabled(await auditActorFor(user), parsed.userId, input.disabled);
    revalidatePath("/users");
    return ok(undefined, input.disabled ? "User disabled. Their open sessions have ended." : "User enabled.");
  });
}

export async function resetUserPasswordAction(input: {
  userId: string;
}): Promise<ActionResult<{ oneTimePassword: string }>> {
  return runAction("ADMIN", async (user) => {
    const parsed = parseInput(userIdSchema, input, "Unknown user.");
    const { oneTimePassword } = await resetUserPassword(await auditActorFor(user), parsed.userId);
    revalidatePath("/users");
    return ok({ oneTimePassword: oneTimePassword! });
  });
}

/** Whether every local account must add a second factor before using the console. */
export async function setSecondFactorRequiredAction(input: SecondFactorPolicyInput): Promise<ActionResult> {
  return runAction("ADMIN", async (user) => {
    const { required } = parseInput(secondFactorPolicySchema, input);
    await setSecondFactorRequired(await auditActorFor(user), required);
    revalidatePath("/users");
    return ok(
      undefined,
      required
        ? "A second factor is now required: users without one add it at their next request."
        : "A second factor is now optional.",
    );
  });
}

/** The idle timeout and absolute lifetime of every session, open ones included from their next request. */
export async function setSessionLimitsAction(input: SessionLimitsInput): Promise<ActionResult> {
  return runAction("ADMIN", async (user) => {
    const limits = parseInput(sessionLimitsSchema, input);
    await setSessionLimits(await auditActorFor(user), limits);
    revalidatePath("/users");
    return ok(undefined, "Session limits saved. Open sessions follow them from their next request.");
  });
}
