"use server";

import { revalidatePath } from "next/cache";
import { auditActorFor } from "@/lib/auth/session";
import { fail, ok, runAction, validationFailure, type ActionResult } from "@/lib/actions/action-result";
import { ApiKeyRuleError, createApiKey, revokeApiKey } from "@/lib/api-keys/manage-api-keys";
import { apiKeyIdSchema, createApiKeySchema, type CreateApiKeyInput } from "@/lib/schemas/api-key";

function ruleFailure(error: unknown): ActionResult<never> {
  if (error instanceof ApiKeyRuleError) return fail(error.message, error.field ? { fieldErrors: { [error.field]: error.message } } : {});
  throw error;
}

/** Returns the new key once; it is never readable again. */
export async function createApiKeyAction(input: CreateApiKeyInput): Promise<ActionResult<{ id: string; name: string; key: string }>> {
  return runAction("ADMIN", async (user) => {
    const parsed = createApiKeySchema.safeParse(input);
    if (!parsed.success) return validationFailure(parsed.error);
    try {
      const created = await createApiKey(await auditActorFor(user), parsed.data);
      revalidatePath("/api-keys");
      return ok(created, `Created the API key “${created.name}”.`);
    } catch (error) {
      return ruleFailure(error);
    }
  });
}

export async function revokeApiKeyAction(input: { apiKeyId: string }): Promise<ActionResult> {
  return runAction("ADMIN", async (user) => {
    const parsed = apiKeyIdSchema.safeParse(input);
    if (!parsed.success) return fail("Unknown API key.");
    try {
      await revokeApiKey(await auditActorFor(user), parsed.data.apiKeyId);
      revalidatePath("/api-keys");
      revalidatePath(`/api-keys/${parsed.data.apiKeyId}`);
      return ok(undefined, "API key revoked. Requests with it are refused from now on.");
    } catch (error) {
      return ruleFailure(error);
    }
  });
}
