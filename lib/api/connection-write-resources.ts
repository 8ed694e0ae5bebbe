/**
 * The write side of /api/v1/connections: PATCH with optimistic concurrency (If-Match names the
 * version the ETag gave, RFC 9110 §13.1.1; a stale one is 412), enable and disable, DELETE, and
 * PUT of the client secret and of the private_key_jwt key (write-only). Every change goes through the console's own functions
 * (lib/connections/), validated by the wizard's zod schema and audited with the key as actor.
 */
import { z } from "zod";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import type { AuthenticatedApiKey } from "@/lib/api-keys/authenticate-api-key";
import { getConfig } from "@/lib/config/env";
import { createConnectionSchemas, EMPTY_CONNECTION_VALUES, rotateSecretSchema } from "@/lib/schemas/connection";
import { CONNECTION_STEPS } from "@/lib/connections/connection-steps";
import { connectionFormValuesFrom } from "@/lib/connections/connection-record";
import { ConnectionConflictError } from "@/lib/connections/connection-writes";
import {
  activateConnection,
  rotateClientSecret,
  saveConnectionDraft,
  updateConnection,
} from "@/lib/connections/manage-connections";
import { deleteConnection, setConnectionEnabled } from "@/lib/connections/connection-lifecycle";
import { ApiProblem } from "@/lib/api/api-problem";
import { TokenApiProblem } from "@/lib/tokens/problem-response";
import { findVisibleConnection } from "@/lib/api/connection-resources";
import { SETTINGS_FIELD_NAMES, type clientKeyResultSchema } from "@/lib/api/resource-schemas";
import { clientKeySchema } from "@/lib/schemas/client-key";
import { clientPublicKeyOf, storeConnectionClientKey } from "@/lib/connections/connection-client-key";
import { findConnection } from "@/lib/connections/find-connections";

type Key = Pick<AuthenticatedApiKey, "id" | "allConnections">;

const ETAG = /^(?:W\/)?"(\d{1,9})"$/;

/** The version an If-Match header names; required, so a PATCH never overwrites blindly (RFC 6585 §3). */
export function versionFromIfMatch(header: string | null): number {
  if (!header) {
    throw new ApiProblem(
      "precondition-required",
      "Send If-Match with the ETag of the connection as you read it, so a change made in between is not overwritten.",
    );
  }
  const match = ETAG.exec(header.trim());
  if (!match) throw new ApiProblem("precondition-failed", 'If-Match must be the ETag this API gave, such as "3".');
  return Number(match[1]);
}

export async function readJsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new ApiProblem("invalid-request", "The body must be a JSON object.");
  }
}

export function fieldErrors(error: z.ZodError): ApiProblem {
  const errors = error.issues.map((i) => ({ field: i.path.join(".") || "(body)", message: i.message }));
  return new ApiProblem("invalid-request", errors.map((e) => `${e.field}: ${e.message}`).join(" "), { errors });
}

/** The settings a PATCH may change: any of them, by the names GET shows; nothing else. */
const patchSchema = z.record(z.string(), z.unknown()).superRefine((body, ctx) => {
  for (const name of Object.keys(body)) {
    if (!(SETTINGS_FIELD_NAMES as string[]).includes(name))
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: name === "clientSecret" ? "Set the secret with PUT …/secret." : "Not a connection setting.",
      });
  }
});

/** POST: the settings by the names GET shows, plus the client secret (write-only); the rest take the wizard's defaults. */
const createSchema = z.record(z.string(), z.unknown()).superRefine((body, ctx) => {
  for (const name of Object.keys(body)) {
    if (!(SETTINGS_FIELD_NAMES as string[]).includes(name) && name !== "clientSecret")
      ctx.addIssue({ code: "custom", path: [name], message: "Not a connection setting." });
  }
});

/**
 * Creates an active connection as the wizard does: the draft (audited as created), then its
 * activation with every setting (audited). The whole input is validated first, so the activation
 * cannot refuse what the draft accepted.
 */
export async function createConnectionForApi(key: Key, actor: AuditActor, request: Request): Promise<string> {
  // A key limited to chosen connections could not see what it created.
  if (!key.allConnections)
    throw new TokenApiProblem(
      "missing-permission",
      "A key limited to chosen connections cannot create connections: an admin creates a key for all connections.",
    );
  const body = createSchema.safeParse(await readJsonBody(request));
  if (!body.success) throw fieldErrors(body.error);
  const schemas = createConnectionSchemas({ allowHttp: getConfig().outboundAllowHttp, hasStoredSecret: false });
  const input = schemas.full.safeParse({ ...EMPTY_CONNECTION_VALUES, ...body.data });
  if (!input.success) throw fieldErrors(input.error);
  const draft = await saveConnectionDraft(actor, { reachedStep: CONNECTION_STEPS.length - 1, input: input.data });
  await activateConnection(actor, { connectionId: draft.id, version: draft.version, input: input.data });
  return draft.id;
}

export async function patchConnectionForApi(
  key: Key,
  ref: string,
  actor: AuditActor,
  request: Request,
): Promise<string> {
  const version = versionFromIfMatch(request.headers.get("if-match"));
  const body = patchSchema.safeParse(await readJsonBody(request));
  if (!body.success) throw fieldErrors(body.error);
  const current = await findVisibleConnection(key, ref);
  if (current.version !== version) throw stale(current.version);
  const schemas = createConnectionSchemas({
    allowHttp: getConfig().outboundAllowHttp,
    hasStoredSecret: Boolean(current.clientSecretEncrypted),
    storedSecretExpiresOn: connectionFormValuesFrom(current).clientSecretExpiresOn || undefined,
  });
  // The whole form as stored, with the caller's changes: the same validation as the edit form.
  const input = schemas.full.safeParse({ ...connectionFormValuesFrom(current), ...body.data, clientSecret: "" });
  if (!input.success) throw fieldErrors(input.error);
  try {
    await updateConnection(actor, { connectionId: current.id, version, input: input.data });
  } catch (error) {
    if (error instanceof ConnectionConflictError) throw stale(error.current.version);
    throw error;
  }
  return current.id;
}

function stale(version: number): ApiProblem {
  return new ApiProblem(
    "precondition-failed",
    `The connection changed since you read it (it is at version ${version} now). GET it again, then retry.`,
  );
}

export async function setConnectionEnabledForApi(key: Key, ref: string, actor: AuditActor, enabled: boolean) {
  const current = await findVisibleConnection(key, ref);
  await setConnectionEnabled(actor, current.id, enabled);
  return current.id;
}

export async function deleteConnectionForApi(key: Key, ref: string, actor: AuditActor): Promise<void> {
  const current = await findVisibleConnection(key, ref);
  await deleteConnection(actor, { connectionId: current.id, confirmName: current.name });
}

export async function putClientSecretForApi(key: Key, ref: string, actor: AuditActor, request: Request) {
  const current = await findVisibleConnection(key, ref);
  const body = await readJsonBody(request);
  const parsed = rotateSecretSchema.safeParse({ ...(body as object), connectionId: current.id });
  if (!parsed.success) throw fieldErrors(parsed.error);
  await rotateClientSecret(actor, {
    connectionId: current.id,
    secret: parsed.data.secret,
    expiresOn: parsed.data.expiresOn || null,
  });
}

/**
 * Generates or imports the connection's private_key_jwt key; answers its public half only. Any
 * connection may hold one, so a client can store the key first and then PATCH clientAuthMethod.
 */
export async function putClientKeyForApi(
  key: Key,
  ref: string,
  actor: AuditActor,
  request: Request,
): Promise<z.infer<typeof clientKeyResultSchema>> {
  const current = await findVisibleConnection(key, ref);
  const body = (await readJsonBody(request)) as Record<string, unknown>;
  const parsed = clientKeySchema.safeParse({ privateKeyImport: "", privateKeyCertificate: "", ...body });
  if (!parsed.success) throw fieldErrors(parsed.error);
  const stored = await storeConnectionClientKey(actor, { connectionId: current.id, input: parsed.data });
  const publicKey = clientPublicKeyOf((await findConnection(current.id))!);
  return {
    ...stored,
    public_jwk: publicKey?.jwk ?? {},
    jwks_uri: `${getConfig().appUrl}/api/v1/connections/${current.id}/jwks.json`,
  };
}
