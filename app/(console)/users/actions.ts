"use server";

import { revalidatePath } from "next/cache";
import { auditActorFor } from "@/lib/auth/session";
import { fail, ok, runAction, validationFailure, type ActionResult } from "@/lib/actions/action-result";
import { changeRoleSchema, createUserSchema, userIdSchema, type CreateUserInput } from "@/lib/schemas/auth";
import { createUser, resetUserPassword, setUserDisabled, setUserRole, UserRuleError } from "@/lib/users/manage-users";

function ruleFailure(error: unknown): ActionResult<never> {
  if (error instanceof UserRuleError) return fail(error.message, error.field ? { fieldErrors: { [error.field]: error.message } } : {});
  throw error;
}

export async function createUserAction(input: CreateUserInput): Promise<ActionResult<{ email: string; oneTimePassword: string }>> {
  return runAction("ADMIN", async (user) => {
    const parsed = createUserSchema.safeParse(input);
    if (!parsed.success) return validationFailure(parsed.error);
    try {
      const created = await createUser(await auditActorFor(user), parsed.data);
      revalidatePath("/users");
      return ok({ email: created.email, oneTimePassword: created.oneTimePassword! }, `Created ${created.email}.`);
    } catch (error) {
      return ruleFailure(error);
    }
  });
}

export async function changeUserRoleAction(input: { userId: string; role: string }): Promise<ActionResult> {
  return runAction("ADMIN", async (user) => {
    const parsed = changeRoleSchema.safeParse(input);
    if (!parsed.success) return validationFailure(parsed.error);
    try {
      await setUserRole(await auditActorFor(user), parsed.data.userId, parsed.data.role);
      revalidatePath("/users");
      return ok(undefined, "Role changed. Their open sessions have ended.");
    } catch (error) {
      return ruleFailure(error);
    }
  });
}

export async function setUserDisabledAction(input: { userId: string; disabled: boolean }): Promise<ActionResult> {
  return runAction("ADMIN", async (user) => {
    const parsed = userIdSchema.safeParse(input);
    if (!parsed.success || typeof input.disabled !== "boolean") return fail("Unknown user.");
    try {
      await setUserDisabled(await auditActorFor(user), parsed.data.userId, input.disabled);
      revalidatePath("/users");
      return ok(undefined, input.disabled ? "User disabled. Their open sessions have ended." : "User enabled.");
    } catch (error) {
      return ruleFailure(error);
    }
  });
}

export async function resetUserPasswordAction(input: { userId: string }): Promise<ActionResult<{ oneTimePassword: string }>> {
  return runAction("ADMIN", async (user) => {
    const parsed = userIdSchema.safeParse(input);
    if (!parsed.success) return fail("Unknown user.");
    try {
      const { oneTimePassword } = await resetUserPassword(await auditActorFor(user), parsed.data.userId);
      revalidatePath("/users");
      return ok({ oneTimePassword: oneTimePassword! });
    } catch (error) {
      return ruleFailure(error);
    }
  });
}
