/**
 * Applies an import's plan all or nothing: the plan is made again inside one transaction (so it
 * is exactly what is applied) and every change goes through the console's own save functions,
 * each audited with the file's checksum. Unchanged connections are not touched, so applying the
 * same file again records nothing.
 */
import { prisma as db, type Tx } from "@/lib/db/prisma";
import { ApplicationError } from "@/lib/errors/application-error";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { CONNECTION_STEPS } from "@/lib/connections/connection-steps";
import { withNameGuard } from "@/lib/connections/connection-writes";
import { deleteConnectionIn, setConnectionEnabledIn } from "@/lib/connections/connection-lifecycle";
import {
  activateConnectionIn,
  saveConnectionDraftIn,
  updateConnectionIn,
  type ImportTag,
} from "@/lib/connections/manage-connections";
import type { FileError } from "@/lib/connections-file/connections-file-schema";
import {
  buildImportPlan,
  type ImportOptions,
  type ImportPlan,
  type PlannedItem,
} from "@/lib/connections-file/plan-import";

export type ApplyResult = { ok: true; plan: ImportPlan } | { ok: false; errors: FileError[] };

class ImportRefused extends Error {
  constructor(readonly errors: FileError[]) {
    super("The connections file was refused.");
  }
}

async function applyItem(tx: Tx, actor: AuditActor, item: PlannedItem, tag: ImportTag): Promise<void> {
  const { entry, input, current, enabled = true } = item;
  if (entry.action === "create" && input) {
    const draft = await saveConnectionDraftIn(tx, actor, { reachedStep: CONNECTION_STEPS.length - 1, input }, tag);
    await activateConnectionIn(tx, actor, { connectionId: draft.id, version: draft.version, input }, tag);
    if (!enabled) await setConnectionEnabledIn(tx, actor, draft.id, false, tag);
  } else if (entry.action === "update" && input && current) {
    await updateConnectionIn(tx, actor, { connectionId: current.id, version: current.version, input }, tag);
    if (enabled !== current.enabled) await setConnectionEnabledIn(tx, actor, current.id, enabled, tag);
  } else if (entry.action === "delete" && current) {
    await deleteConnectionIn(tx, actor, { connectionId: current.id, confirmName: current.name }, tag);
  }
}

/**
 * Applies `text` (JSON or YAML). With `expectedChecksum` (the plan a person reviewed), a
 * different file is refused. A refused file changes nothing and lists every error by path.
 */
export async function applyImport(
  text: string,
  options: ImportOptions & { actor: AuditActor; expectedChecksum?: string },
): Promise<ApplyResult> {
  try {
    const plan = await withNameGuard(
      () =>
        db.$transaction(
          async (tx) => {
            const { plan, items } = await buildImportPlan(tx, text, options);
            if (options.expectedChecksum && options.expectedChecksum !== plan.checksum)
              throw new ImportRefused([
                { path: "(file)", message: "This is not the file the plan was made for: make the plan again." },
              ]);
            if (plan.errors.length) throw new ImportRefused(plan.errors);
            const tag = { importChecksum: plan.checksum };
            for (const item of items) {
              try {
                await applyItem(tx, options.actor, item, tag);
              } catch (error) {
                if (!(error instanceof ApplicationError)) throw error;
                const field = error.field ?? "name";
                throw new ImportRefused([
                  { path: `${item.entry.name}.${field}`, connection: item.entry.name, field, message: error.message },
                ]);
              }
            }
            return plan;
          },
          // One transaction for the whole file: a thousand connections take longer than one save.
          { maxWait: 30_000, timeout: 300_000 },
        ),
      undefined,
    );
    return { ok: true, plan };
  } catch (error) {
    if (error instanceof ImportRefused) return { ok: false, errors: error.errors };
    if (error instanceof ApplicationError) return { ok: false, errors: [{ path: "(file)", message: error.message }] };
    throw error;
  }
}
