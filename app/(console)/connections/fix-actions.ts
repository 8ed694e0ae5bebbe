"use server";

import { revalidatePath } from "next/cache";
import { auditActorFor } from "@/lib/auth/session";
import { fail, ok, runAction, type ActionResult } from "@/lib/actions/action-result";
import { applyTestFix } from "@/lib/connections/apply-test-fix";
import { SWITCHABLE_AUTH_METHODS, switchClientAuthMethod } from "@/lib/connections/switch-auth-method";
import { ConnectionConflictError, ConnectionNotFoundError, ConnectionRuleError } from "@/lib/connections/manage-connections";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Applies the change a test's probes found (ADMIN only), exactly as the result page shows it,
 * at the connection version the test ran against.
 */
export async function applyTestFixAction(connectionId: string, testRunId: string): Promise<ActionResult<{ version: number }>> {
  return runAction("ADMIN", async (user) => {
    if (typeof connectionId !== "string" || !ID.test(connectionId) || typeof testRunId !== "string" || !ID.test(testRunId)) return fail("Unknown test result.");
    try {
      const applied = await applyTestFix(await auditActorFor(user), { connectionId, testRunId });
      revalidatePath(`/connections/${connectionId}`, "layout");
      return ok({ version: applied.version }, `Applied: ${applied.action}. Test again to confirm.`);
    } catch (error) {
      if (error instanceof ConnectionConflictError) {
        return fail(`The connection changed since this test, so this suggestion may no longer fit. ${error.message.split(". ")[0]}. Test again for a current one.`, { code: "conflict" });
      }
      if (error instanceof ConnectionRuleError || error instanceof ConnectionNotFoundError) return fail(error.message);
      throw error;
    }
  });
}

/**
 * The diagnosis's switch to the other client authentication method (ADMIN only): changes that one
 * setting at the version the result page showed, audited.
 */
export async function switchClientAuthMethodAction(input: { connectionId: string; version: number; method: string }): Promise<ActionResult<{ version: number }>> {
  return runAction("ADMIN", async (user) => {
    const { connectionId, version, method } = input ?? {};
    const known = (SWITCHABLE_AUTH_METHODS as readonly string[]).includes(method);
    if (typeof connectionId !== "string" || !ID.test(connectionId) || !Number.isInteger(version) || version < 1 || !known) return fail("This request could not be read. Reload the page and try again.");
    try {
      const switched = await switchClientAuthMethod(await auditActorFor(user), { connectionId, version, method: method as (typeof SWITCHABLE_AUTH_METHODS)[number] });
      revalidatePath(`/connections/${connectionId}`, "layout");
      return ok({ version: switched.version }, switched.changed ? `Switched to ${method}. Test again to confirm.` : `The connection already uses ${method}. Test again to confirm.`);
    } catch (error) {
      if (error instanceof ConnectionConflictError) return fail("The connection changed since this page was loaded. Reload it for a current diagnosis.", { code: "conflict" });
      if (error instanceof ConnectionRuleError || error instanceof ConnectionNotFoundError) return fail(error.message);
      throw error;
    }
  });
}
