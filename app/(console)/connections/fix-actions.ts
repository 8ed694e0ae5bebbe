"use server";

import { revalidatePath } from "next/cache";
import { auditActorFor } from "@/lib/auth/session";
import { fail, ok, parseInput, runAction, type ActionResult } from "@/lib/actions/action-result";
import { recordIdSchema } from "@/lib/schemas/record-id";
import { applyTestFix } from "@/lib/connections/apply-test-fix";
import { ConnectionConflictError } from "@/lib/connections/connection-writes";

/**
 * Applies the change a test's probes found (ADMIN only), exactly as the result page shows it,
 * at the connection version the test ran against.
 */
export async function applyTestFixAction(connectionId: string, testRunId: string): Promise<ActionResult<{ version: number }>> {
  return runAction("ADMIN", async (user) => {
    parseInput(recordIdSchema, connectionId, "Unknown test result.");
    parseInput(recordIdSchema, testRunId, "Unknown test result.");
    try {
      const applied = await applyTestFix(await auditActorFor(user), { connectionId, testRunId });
      revalidatePath(`/connections/${connectionId}`, "layout");
      return ok({ version: applied.version }, `Applied: ${applied.action}. Test again to confirm.`);
    } catch (error) {
      // The test's suggestion was made for the version it ran against: say so, not just who saved since.
      if (!(error instanceof ConnectionConflictError)) throw error;
      return fail(`The connection changed since this test, so this suggestion may no longer fit. ${error.message.split(". ")[0]}. Test again for a current one.`, { code: "conflict" });
    }
  });
}
