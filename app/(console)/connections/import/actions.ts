"use server";

import { revalidatePath } from "next/cache";
import { auditActorFor } from "@/lib/auth/session";
import { ok, parseInput, runAction, type ActionResult } from "@/lib/actions/action-result";
import { planImport, type ImportPlan } from "@/lib/connections-file/plan-import";
import { applyImport } from "@/lib/connections-file/apply-import";
import type { FileError } from "@/lib/connections-file/connections-file-schema";
import {
  applyConnectionsImportSchema,
  connectionsImportSchema,
  type ConnectionsImportInput,
} from "@/lib/schemas/connections-import";

/** What would change; changes nothing. Secrets are resolved from the server's environment. */
export async function planConnectionsImportAction(input: ConnectionsImportInput): Promise<ActionResult<ImportPlan>> {
  return runAction("ADMIN", async () => {
    const { text, prune } = parseInput(connectionsImportSchema, input);
    return ok(await planImport(text, { prune }));
  });
}

export type AppliedImport = { plan: ImportPlan } | { errors: FileError[] };

/** Applies the planned file all or nothing; a refused file comes back with every error by path. */
export async function applyConnectionsImportAction(
  input: ConnectionsImportInput & { checksum: string },
): Promise<ActionResult<AppliedImport>> {
  return runAction<AppliedImport>("ADMIN", async (user) => {
    const { text, prune, checksum } = parseInput(applyConnectionsImportSchema, input);
    const result = await applyImport(text, { prune, actor: await auditActorFor(user), expectedChecksum: checksum });
    if (!result.ok) return ok({ errors: result.errors });
    revalidatePath("/connections");
    const changed = result.plan.entries.filter((entry) => entry.action !== "unchanged").length;
    return ok(
      { plan: result.plan },
      changed === 0
        ? "Nothing changed: the connections already match the file."
        : `Applied ${changed} change${changed === 1 ? "" : "s"}.`,
    );
  });
}
