"use server";

import { z } from "zod";
import { getConfig } from "@/lib/config/env";
import { auditActorFor } from "@/lib/auth/session";
import { fail, ok, parseInput, runAction, validationFailure, type ActionResult } from "@/lib/actions/action-result";
import { CONNECTION_STEPS, type EditableStepId } from "@/lib/connections/connection-steps";
import {
  connectionIdSchema,
  connectionVersionSchema,
  createConnectionSchemas,
  deleteConnectionSchema,
  draftRequestSchema,
  rotateSecretSchema,
  setConnectionEnabledSchema,
  stepIndex,
  type ConnectionDraftInput,
  type ConnectionFormValues,
  type DeleteConnectionInput,
  type RotateSecretInput,
} from "@/lib/schemas/connection";
import { urlProblem } from "@/lib/schemas/connection-values";
import {
  activateConnection,
  rotateClientSecret,
  saveConnectionDraft,
  updateConnection,
} from "@/lib/connections/manage-connections";
import { deleteConnection, duplicateConnection, setConnectionEnabled } from "@/lib/connections/connection-lifecycle";
import { ConnectionNotFoundError, type SavedConnection } from "@/lib/connections/connection-writes";
import { connectionSnapshotFrom, type ConnectionSnapshot } from "@/lib/connections/connection-record";
import { findConnectionWithEditor, findStoredSecretFacts } from "@/lib/connections/find-connections";
import { discoverMetadata, type DiscoveryImport, type DiscoveryMoved } from "@/lib/oauth/discover-metadata";
import { summarizeImportedDiscovery } from "@/lib/oauth/discovery-summary";
import { refreshConnectionPages, UNREADABLE_REQUEST } from "@/app/(console)/connections/connection-action-support";

async function schemasFor(connectionId: string | undefined) {
  const stored = connectionId ? await findStoredSecretFacts(connectionId) : { hasStoredSecret: false };
  return createConnectionSchemas({ allowHttp: getConfig().outboundAllowHttp, ...stored });
}

/**
 * The wizard's Next: validates every step up to the one being left (the server trusts nothing
 * the browser checked) and saves them on the draft, creating it on the first step.
 */
export async function saveConnectionDraftAction(request: {
  draftId?: string;
  version?: number;
  step: EditableStepId;
  values: ConnectionFormValues;
}): Promise<ActionResult<SavedConnection>> {
  return runAction("ADMIN", async (user) => {
    const meta = parseInput(draftRequestSchema, request, UNREADABLE_REQUEST);
    const schemas = await schemasFor(meta.draftId);
    const upTo = stepIndex(meta.step);
    const issues: z.core.$ZodIssue[] = [];
    const input: ConnectionDraftInput = {};
    for (const { id } of CONNECTION_STEPS.slice(0, upTo + 1)) {
      if (id === "review") continue;
      const parsed = schemas.steps[id].safeParse(request.values);
      if (parsed.success) Object.assign(input, parsed.data);
      else issues.push(...parsed.error.issues);
    }
    if (issues.length > 0) return validationFailure(new z.ZodError(issues));
    const saved = await saveConnectionDraft(await auditActorFor(user), {
      draftId: meta.draftId,
      version: meta.version,
      reachedStep: upTo + 1,
      input,
    });
    return ok(saved);
  });
}

/** The wizard's Save: validates the whole connection and makes the draft active. */
export async function activateConnectionAction(request: {
  connectionId: string;
  version: number;
  values: ConnectionFormValues;
}): Promise<ActionResult<SavedConnection>> {
  return runAction("ADMIN", async (user) => {
    const meta = parseInput(connectionVersionSchema, request, UNREADABLE_REQUEST);
    const values = parseInput((await schemasFor(meta.connectionId)).full, request.values);
    const saved = await activateConnection(await auditActorFor(user), { ...meta, input: values });
    refreshConnectionPages(saved.id);
    return ok(saved, `Saved ${values.name}.`);
  });
}

/** The edit form's Save, refused with code "conflict" when someone saved in between. */
export async function updateConnectionAction(request: {
  connectionId: string;
  version: number;
  values: ConnectionFormValues;
}): Promise<ActionResult<SavedConnection & { changed: boolean }>> {
  return runAction("ADMIN", async (user) => {
    const meta = parseInput(connectionVersionSchema, request, UNREADABLE_REQUEST);
    const values = parseInput((await schemasFor(meta.connectionId)).full, request.values);
    const saved = await updateConnection(await auditActorFor(user), { ...meta, input: values });
    refreshConnectionPages(saved.id);
    return ok(saved, saved.changed ? `Saved ${values.name}.` : "Nothing changed.");
  });
}

/** The latest saved values (never the secret), so a form in conflict can show what changed. */
export async function getConnectionSnapshotAction(request: {
  connectionId: string;
}): Promise<ActionResult<ConnectionSnapshot>> {
  return runAction("ADMIN", async () => {
    const parsed = parseInput(connectionIdSchema, request, "Unknown connection.");
    const row = await findConnectionWithEditor(parsed.connectionId);
    if (!row) throw new ConnectionNotFoundError();
    return ok(connectionSnapshotFrom(row));
  });
}

/** Rotate secret: the new value is required; an empty one is refused next to the field. */
type RotateResult = { changed: boolean; clientSecretLast4: string | null };

export async function rotateClientSecretAction(input: RotateSecretInput): Promise<ActionResult<RotateResult>> {
  return runAction<RotateResult>("ADMIN", async (user) => {
    const parsed = parseInput(rotateSecretSchema, input);
    const saved = await rotateClientSecret(await auditActorFor(user), parsed);
    refreshConnectionPages(saved.id);
    return ok({ changed: true, clientSecretLast4: saved.clientSecretLast4 }, "Client secret replaced.");
  });
}

export async function duplicateConnectionAction(input: {
  connectionId: string;
}): Promise<ActionResult<{ id: string; name: string }>> {
  return runAction("ADMIN", async (user) => {
    const parsed = parseInput(connectionIdSchema, input, "Unknown connection.");
    const copy = await duplicateConnection(await auditActorFor(user), parsed.connectionId);
    refreshConnectionPages();
    return ok(
      { id: copy.id, name: copy.name },
      `Created ${copy.name} as a draft. Enter its client secret to finish it.`,
    );
  });
}

export async function setConnectionEnabledAction(input: {
  connectionId: string;
  enabled: boolean;
}): Promise<ActionResult> {
  return runAction("ADMIN", async (user) => {
    const parsed = parseInput(setConnectionEnabledSchema, input, "Unknown connection.");
    await setConnectionEnabled(await auditActorFor(user), parsed.connectionId, parsed.enabled);
    refreshConnectionPages(parsed.connectionId);
    return ok(undefined, parsed.enabled ? "Connection enabled." : "Connection disabled.");
  });
}

export async function deleteConnectionAction(input: DeleteConnectionInput): Promise<ActionResult> {
  return runAction("ADMIN", async (user) => {
    const parsed = parseInput(deleteConnectionSchema, input);
    await deleteConnection(await auditActorFor(user), parsed);
    refreshConnectionPages();
    return ok(undefined, "Connection deleted.");
  });
}

/**
 * Import from discovery: fetches the provider's metadata on the server, through the guarded
 * fetch, and returns the part the form uses. A failure is a message for the Issuer URL field.
 */
export async function importDiscoveryAction(input: {
  issuer: string;
}): Promise<ActionResult<DiscoveryImport | DiscoveryMoved>> {
  return runAction<DiscoveryImport | DiscoveryMoved>("ADMIN", async () => {
    const issuer = typeof input?.issuer === "string" ? input.issuer.trim() : "";
    const problem = issuer ? urlProblem(issuer, getConfig().outboundAllowHttp) : "Enter the issuer URL first.";
    if (problem) return fail(problem, { fieldErrors: { issuer: problem } });
    const result = await discoverMetadata(issuer);
    if (!result.ok) {
      const message = result.detail ? `${result.message} ${result.detail}` : result.message;
      // Not followed: the admin decides with one click whether that location is the provider's.
      if (result.movedTo) return ok({ movedTo: result.movedTo, message });
      return fail(message, { fieldErrors: { issuer: message }, code: "discovery_failed" });
    }
    const metadata = summarizeImportedDiscovery(result.metadata, result.redirects);
    const moved = result.redirects?.length ? ` (after following ${result.redirects.join(", ")})` : "";
    return ok(
      { metadata, source: result.source, url: result.url, redirects: result.redirects },
      `Imported the provider's metadata from ${result.url}${moved}.`,
    );
  });
}
