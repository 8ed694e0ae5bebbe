"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { auditActorFor } from "@/lib/auth/session";
import { fail, ok, parseInput, runAction, type ActionResult } from "@/lib/actions/action-result";
import { recordIdSchema } from "@/lib/schemas/record-id";
import { applyTestFix } from "@/lib/connections/apply-test-fix";
import { ConnectionConflictError } from "@/lib/connections/connection-writes";
import { revertConnectionField } from "@/lib/connections/revert-connection-field";
import { addConnectionScope } from "@/lib/connections/manage-connections";
import { PROTOCOL_FIELDS } from "@/lib/connections/protocol-fields";
import { CONNECTION_FIELDS } from "@/lib/connections/connection-fields";
import { refreshConnectionPages, UNREADABLE_REQUEST } from "@/app/(console)/connections/connection-action-support";
import { connectionVersionSchema } from "@/lib/schemas/connection";

/**
 * Applies the change a test's probes found (ADMIN only), exactly as the result page shows it,
 * at the connection version the test ran against.
 */
export async function applyTestFixAction(
  connectionId: string,
  testRunId: string,
): Promise<ActionResult<{ version: number }>> {
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
      return fail(
        `The connection changed since this test, so this suggestion may no longer fit. ${error.message.split(". ")[0]}. Test again for a current one.`,
        { code: "conflict" },
      );
    }
  });
}

const revertFieldSchema = connectionVersionSchema.extend({ field: z.enum(PROTOCOL_FIELDS) });

/** Sets one field back to its value in the last successful test's configuration (ADMIN only, audited as an edit). */
export async function revertConnectionFieldAction(
  input: z.input<typeof revertFieldSchema>,
): Promise<ActionResult<{ version: number }>> {
  return runAction("ADMIN", async (user) => {
    const parsed = parseInput(
      revertFieldSchema,
      input,
      "This change could not be read. Reload the page and try again.",
    );
    const saved = await revertConnectionField(await auditActorFor(user), parsed);
    revalidatePath(`/connections/${saved.id}`, "layout");
    return ok(
      { version: saved.version },
      `Reverted ${CONNECTION_FIELDS[parsed.field].label} to its value in the last successful test. Test again to confirm.`,
    );
  });
}

// RFC 6749 §3.3: a scope token is printable ASCII except space, double quote and backslash.
const addScopeSchema = connectionVersionSchema.extend({ scope: z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]{1,200}$/) });

/** The lint's one-click fix: add one scope to the saved connection. */
export async function addConnectionScopeAction(
  input: z.input<typeof addScopeSchema>,
): Promise<ActionResult<{ changed: boolean }>> {
  return runAction("ADMIN", async (user) => {
    const parsed = parseInput(addScopeSchema, input, UNREADABLE_REQUEST);
    const saved = await addConnectionScope(await auditActorFor(user), parsed);
    refreshConnectionPages(saved.id);
    return ok(
      { changed: saved.changed },
      saved.changed ? `Added the ${parsed.scope} scope.` : `The connection already requests ${parsed.scope}.`,
    );
  });
}
