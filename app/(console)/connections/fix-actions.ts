"use server";

import { revalidatePath } from "next/cache";
import { auditActorFor } from "@/lib/auth/session";
import { fail, ok, runAction, type ActionResult } from "@/lib/actions/action-result";
import { applyTestFix } from "@/lib/connections/apply-test-fix";
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
