"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getConfig } from "@/lib/config/env";
import { auditActorFor } from "@/lib/auth/session";
import { fail, ok, runAction, validationFailure, type ActionResult } from "@/lib/actions/action-result";
import {
  CONNECTION_STEPS,
  connectionIdSchema,
  connectionVersionSchema,
  createConnectionSchemas,
  deleteConnectionSchema,
  draftRequestSchema,
  rotateSecretSchema,
  setConnectionEnabledSchema,
  stepIndex,
  urlProblem,
  type ConnectionDraftInput,
  type ConnectionFormValues,
  type DeleteConnectionInput,
  type EditableStepId,
  type RotateSecretInput,
} from "@/lib/schemas/connection";
import {
  activateConnection,
  addConnectionScope,
  ConnectionConflictError,
  ConnectionNotFoundError,
  ConnectionRuleError,
  deleteConnection,
  duplicateConnection,
  rotateClientSecret,
  saveConnectionDraft,
  setConnectionEnabled,
  updateConnection,
  type SavedConnection,
} from "@/lib/connections/manage-connections";
import { connectionFormValuesFrom } from "@/lib/connections/connection-record";
import { findConnectionWithEditor, hasStoredClientSecret } from "@/lib/connections/find-connections";
import { discoverMetadata } from "@/lib/oauth/discover-metadata";
import { summarizeDiscoveryMetadata, type DiscoverySummary } from "@/lib/oauth/discovery-summary";

function ruleFailure(error: unknown): ActionResult<never> {
  if (error instanceof ConnectionRuleError) return fail(error.message, error.field ? { fieldErrors: { [error.field]: error.message } } : {});
  if (error instanceof ConnectionConflictError) return fail(error.message, { code: "conflict" });
  if (error instanceof ConnectionNotFoundError) return fail(error.message, { code: "not_found" });
  throw error;
}

async function schemasFor(connectionId: string | undefined) {
  const hasStoredSecret = connectionId ? await hasStoredClientSecret(connectionId) : false;
  return createConnectionSchemas({ allowHttp: getConfig().outboundAllowHttp, hasStoredSecret });
}

function refreshConnectionPages(connectionId?: string) {
  revalidatePath("/connections");
  if (connectionId) revalidatePath(`/connections/${connectionId}`);
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
    const meta = draftRequestSchema.safeParse(request);
    if (!meta.success) return fail("This request could not be read. Reload the page and try again.");
    const schemas = await schemasFor(meta.data.draftId);
    const upTo = stepIndex(meta.data.step);
    const issues: z.core.$ZodIssue[] = [];
    const input: ConnectionDraftInput = {};
    for (const { id } of CONNECTION_STEPS.slice(0, upTo + 1)) {
      if (id === "review") continue;
      const parsed = schemas.steps[id].safeParse(request.values);
      if (parsed.success) Object.assign(input, parsed.data);
      else issues.push(...parsed.error.issues);
    }
    if (issues.length > 0) return validationFailure(new z.ZodError(issues));
    try {
      const saved = await saveConnectionDraft(await auditActorFor(user), {
        draftId: meta.data.draftId,
        version: meta.data.version,
        reachedStep: upTo + 1,
        input,
      });
      return ok(saved);
    } catch (error) {
      return ruleFailure(error);
    }
  });
}

/** The wizard's Save: validates the whole connection and makes the draft active. */
export async function activateConnectionAction(request: {
  connectionId: string;
  version: number;
  values: ConnectionFormValues;
}): Promise<ActionResult<SavedConnection>> {
  return runAction("ADMIN", async (user) => {
    const meta = connectionVersionSchema.safeParse(request);
    if (!meta.success) return fail("This request could not be read. Reload the page and try again.");
    const parsed = (await schemasFor(meta.data.connectionId)).full.safeParse(request.values);
    if (!parsed.success) return validationFailure(parsed.error);
    try {
      const saved = await activateConnection(await auditActorFor(user), { ...meta.data, input: parsed.data });
      refreshConnectionPages(saved.id);
      return ok(saved, `Saved ${parsed.data.name}.`);
    } catch (error) {
      return ruleFailure(error);
    }
  });
}

/** The edit form's Save, refused with code "conflict" when someone saved in between. */
export async function updateConnectionAction(request: {
  connectionId: string;
  version: number;
  values: ConnectionFormValues;
}): Promise<ActionResult<SavedConnection & { changed: boolean }>> {
  return runAction("ADMIN", async (user) => {
    const meta = connectionVersionSchema.safeParse(request);
    if (!meta.success) return fail("This request could not be read. Reload the page and try again.");
    const parsed = (await schemasFor(meta.data.connectionId)).full.safeParse(request.values);
    if (!parsed.success) return validationFailure(parsed.error);
    try {
      const saved = await updateConnection(await auditActorFor(user), { ...meta.data, input: parsed.data });
      refreshConnectionPages(saved.id);
      return ok(saved, saved.changed ? `Saved ${parsed.data.name}.` : "Nothing changed.");
    } catch (error) {
      return ruleFailure(error);
    }
  });
}

export type ConnectionSnapshot = {
  values: ConnectionFormValues;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
  hasClientSecret: boolean;
  clientSecretLast4: string | null;
};

/** The latest saved values (never the secret), so a form in conflict can show what changed. */
export async function getConnectionSnapshotAction(request: { connectionId: string }): Promise<ActionResult<ConnectionSnapshot>> {
  return runAction("ADMIN", async () => {
    const parsed = connectionIdSchema.safeParse(request);
    if (!parsed.success) return fail("Unknown connection.");
    const row = await findConnectionWithEditor(parsed.data.connectionId);
    if (!row) return fail(new ConnectionNotFoundError().message, { code: "not_found" });
    return ok({
      values: connectionFormValuesFrom(row),
      version: row.version,
      updatedAt: row.updatedAt.toISOString(),
      updatedBy: row.updatedBy?.email ?? null,
      hasClientSecret: Boolean(row.clientSecretEncrypted),
      clientSecretLast4: row.clientSecretEncrypted ? row.clientSecretLast4 : null,
    });
  });
}

/** Rotate secret: the new value is required; an empty one is refused next to the field. */
type RotateResult = { changed: boolean; clientSecretLast4: string | null };

export async function rotateClientSecretAction(input: RotateSecretInput): Promise<ActionResult<RotateResult>> {
  return runAction<RotateResult>("ADMIN", async (user) => {
    const parsed = rotateSecretSchema.safeParse(input);
    if (!parsed.success) return validationFailure(parsed.error);
    try {
      const saved = await rotateClientSecret(await auditActorFor(user), parsed.data);
      refreshConnectionPages(saved.id);
      return ok({ changed: true, clientSecretLast4: saved.clientSecretLast4 }, "Client secret replaced.");
    } catch (error) {
      return ruleFailure(error);
    }
  });
}

// RFC 6749 §3.3: a scope token is printable ASCII except space, double quote and backslash.
const addScopeSchema = connectionVersionSchema.extend({ scope: z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]{1,200}$/) });

/** The lint's one-click fix: add one scope to the saved connection. */
export async function addConnectionScopeAction(input: { connectionId: string; version: number; scope: string }): Promise<ActionResult<{ changed: boolean }>> {
  return runAction("ADMIN", async (user) => {
    const parsed = addScopeSchema.safeParse(input);
    if (!parsed.success) return fail("This request could not be read. Reload the page and try again.");
    try {
      const saved = await addConnectionScope(await auditActorFor(user), parsed.data);
      refreshConnectionPages(saved.id);
      return ok({ changed: saved.changed }, saved.changed ? `Added the ${parsed.data.scope} scope.` : `The connection already requests ${parsed.data.scope}.`);
    } catch (error) {
      return ruleFailure(error);
    }
  });
}

export async function duplicateConnectionAction(input: { connectionId: string }): Promise<ActionResult<{ id: string; name: string }>> {
  return runAction("ADMIN", async (user) => {
    const parsed = connectionIdSchema.safeParse(input);
    if (!parsed.success) return fail("Unknown connection.");
    try {
      const copy = await duplicateConnection(await auditActorFor(user), parsed.data.connectionId);
      refreshConnectionPages();
      return ok({ id: copy.id, name: copy.name }, `Created ${copy.name} as a draft. Enter its client secret to finish it.`);
    } catch (error) {
      return ruleFailure(error);
    }
  });
}

export async function setConnectionEnabledAction(input: { connectionId: string; enabled: boolean }): Promise<ActionResult> {
  return runAction("ADMIN", async (user) => {
    const parsed = setConnectionEnabledSchema.safeParse(input);
    if (!parsed.success) return fail("Unknown connection.");
    try {
      await setConnectionEnabled(await auditActorFor(user), parsed.data.connectionId, parsed.data.enabled);
      refreshConnectionPages(parsed.data.connectionId);
      return ok(undefined, parsed.data.enabled ? "Connection enabled." : "Connection disabled.");
    } catch (error) {
      return ruleFailure(error);
    }
  });
}

export async function deleteConnectionAction(input: DeleteConnectionInput): Promise<ActionResult> {
  return runAction("ADMIN", async (user) => {
    const parsed = deleteConnectionSchema.safeParse(input);
    if (!parsed.success) return validationFailure(parsed.error);
    try {
      await deleteConnection(await auditActorFor(user), parsed.data);
      refreshConnectionPages();
      return ok(undefined, "Connection deleted.");
    } catch (error) {
      return ruleFailure(error);
    }
  });
}

export type DiscoveryImport = { metadata: DiscoverySummary; source: "openid-configuration" | "oauth-authorization-server"; url: string };

/**
 * Import from discovery: fetches the provider's metadata on the server, through the guarded
 * fetch, and returns the part the form uses. A failure is a message for the Issuer URL field.
 */
export async function importDiscoveryAction(input: { issuer: string }): Promise<ActionResult<DiscoveryImport>> {
  return runAction<DiscoveryImport>("ADMIN", async () => {
    const issuer = typeof input?.issuer === "string" ? input.issuer.trim() : "";
    const problem = issuer ? urlProblem(issuer, getConfig().outboundAllowHttp) : "Enter the issuer URL first.";
    if (problem) return fail(problem, { fieldErrors: { issuer: problem } });
    const result = await discoverMetadata(issuer);
    if (!result.ok) {
      const message = result.detail ? `${result.message} ${result.detail}` : result.message;
      return fail(message, { fieldErrors: { issuer: message }, code: "discovery_failed" });
    }
    const metadata = summarizeDiscoveryMetadata(result.metadata);
    return ok({ metadata, source: result.source, url: result.url }, `Imported the provider's metadata from ${result.url}.`);
  });
}
