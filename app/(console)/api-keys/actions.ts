"use server";

import { revalidatePath } from "next/cache";
import { auditActorFor } from "@/lib/auth/session";
import { ok, parseInput, runAction, type ActionResult } from "@/lib/actions/action-result";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/manage-api-keys";
import { changeApiKeyPermissions } from "@/lib/api-keys/change-api-key-permissions";
import {
  apiKeyIdSchema,
  changeApiKeyPermissionsSchema,
  createApiKeySchema,
  type ChangeApiKeyPermissionsInput,
  type CreateApiKeyInput,
} from "@/lib/schemas/api-key";

/** Returns the new key once; it is never readable again. */
export async function createApiKeyAction(
  input: CreateApiKeyInput,
): Promise<ActionResult<{ id: string; name: string; key: string }>> {
  return runAction("ADMIN", async (user) => {
    const parsed = parseInput(createApiKeySchema, input);
    const created = await createApiKey(await auditActorFor(user), parsed);
    revalidatePath("/api-keys");
    return ok(created, `Created the API key “${created.name}”.`);
  });
}

export async function revokeApiKeyAction(input: { apiKeyId: string }): Promise<ActionResult> {
  return runAction("ADMIN", async (user) => {
    const parsed = parseInput(apiKeyIdSchema, input, "Unknown API key.");
    await revokeApiKey(await auditActorFor(user), parsed.apiKeyId);
    revalidatePath("/api-keys");
    revalidatePath(`/api-keys/${parsed.apiKeyId}`);
    return ok(undefined, "API key revoked. Requests with it are refused from now on.");
  });
}

export async function changeApiKeyPermissionsAction(input: ChangeApiKeyPermissionsInput): Promise<ActionResult> {
  return runAction("ADMIN", async (user) => {
    const parsed = parseInput(changeApiKeyPermissionsSchema, input);
    const { changed } = await changeApiKeyPermissions(await auditActorFor(user), parsed);
    revalidatePath(`/api-keys/${parsed.apiKeyId}`);
    return ok(undefined, changed ? "Permissions saved." : "The key already has these permissions.");
  });
}
