/**
 * The connection form's schemas: one per wizard step plus the full schema, shared by the browser
 * form (zodResolver) and the server actions, which re-validate everything. Each field's own rule
 * comes from the field registry (lib/connections/connection-fields.ts); this file adds the checks
 * that span fields (the grant type decides what the endpoints and client need).
 */
import { z } from "zod";
import { usesAuthorizationCode } from "@/lib/connections/connection-options";
import { findProviderPreset, placeholderProblem } from "@/lib/connections/provider-presets";
import {
  CONNECTION_FIELD_NAMES,
  CONNECTION_FIELDS,
  stepShape,
  type ConnectionFieldName,
} from "@/lib/connections/connection-fields";
import { CONNECTION_STEPS, type ConnectionStepId, type EditableStepId } from "@/lib/connections/connection-steps";
import { recordIdSchema } from "@/lib/schemas/record-id";
import { expiryDateFromText, isPastExpiryDate } from "@/lib/connections/secret-expiry";
import { needsClientSecret } from "@/lib/oauth/client-auth/client-auth-methods";
import {
  checkParameterRows,
  NAME_MAX,
  urlProblem,
  VSCHAR,
  withoutBlankRows,
  type ConnectionSchemaOptions,
  type KeyValueRow,
} from "@/lib/schemas/connection-values";

type Ctx = z.RefinementCtx;
type Loose = Record<string, unknown>;

function checkSettings(v: Loose, ctx: Ctx) {
  const preset = findProviderPreset(String(v.providerType ?? ""));
  if (!preset) {
    ctx.addIssue({ code: "custom", path: ["providerType"], message: "Choose a provider type." });
    return;
  }
  const params = (v.providerParams ?? {}) as Record<string, string>;
  for (const placeholder of preset.placeholders) {
    const problem = placeholderProblem(placeholder, params[placeholder.key]);
    if (problem) ctx.addIssue({ code: "custom", path: ["providerParams", placeholder.key], message: problem });
  }
}

function checkEndpoints(v: Loose, ctx: Ctx, options: ConnectionSchemaOptions) {
  if (!usesAuthorizationCode(String(v.grantType))) return;
  const value = String(v.authorizationUrl ?? "").trim();
  const problem = value ? urlProblem(value, options.allowHttp) : "Enter the authorization URL.";
  if (problem) ctx.addIssue({ code: "custom", path: ["authorizationUrl"], message: problem });
}

/** A new expiry date is not in the past; the stored one stays as it is once it has passed. */
function checkSecretExpiry(
  value: unknown,
  ctx: Ctx,
  options: { storedSecretExpiresOn?: string },
  path = "clientSecretExpiresOn",
) {
  const text = typeof value === "string" ? value.trim() : "";
  if (!text || text === options.storedSecretExpiresOn || !isPastExpiryDate(text, new Date())) return;
  ctx.addIssue({
    code: "custom",
    path: [path],
    message: "This date has passed. Enter the day the new secret expires (today or later), or leave it empty.",
  });
}

function checkClient(v: Loose, ctx: Ctx, options: ConnectionSchemaOptions) {
  checkParameterRows(v.tokenParams, "tokenParams", ctx);
  // Authorization parameters are hidden (and dropped) for client credentials: nothing to check.
  if (usesAuthorizationCode(String(v.grantType))) checkParameterRows(v.authParams, "authParams", ctx);
  checkSecretExpiry(v.clientSecretExpiresOn, ctx, options);
  const method = v.clientAuthMethod;
  const secret = typeof v.clientSecret === "string" ? v.clientSecret : "";
  if (method === "none") {
    if (v.grantType !== "authorization_code_pkce") {
      ctx.addIssue({
        code: "custom",
        path: ["clientAuthMethod"],
        message: "A public client (none) needs Authorization Code with PKCE; other grants authenticate with a secret.",
      });
    }
    return;
  }
  // private_key_jwt: the key is generated or imported by its own form; activation checks it is stored.
  if (!needsClientSecret(String(method))) return;
  if (!secret && !options.hasStoredSecret) {
    ctx.addIssue({ code: "custom", path: ["clientSecret"], message: "Enter the client secret." });
  } else if (secret && !VSCHAR.test(secret)) {
    ctx.addIssue({
      code: "custom",
      path: ["clientSecret"],
      message: "A client secret uses printable ASCII characters only.",
    });
  } else if (secret && secret.trim() !== secret) {
    ctx.addIssue({
      code: "custom",
      path: ["clientSecret"],
      message: "Remove the spaces at the start or end of the secret.",
    });
  }
}

function checkTokens(v: Loose, ctx: Ctx) {
  if (v.grantType === "client_credentials" && v.tokenSharing === "PER_USER") {
    ctx.addIssue({
      code: "custom",
      path: ["tokenSharing"],
      message: "Client credentials tokens belong to the application, not to a user, so they are always shared.",
    });
  }
}

/** Output clean-up shared by the full schema and the steps: hidden fields carry nothing. */
function normalizeSettings<T extends { providerType: string; providerParams: Record<string, string> }>(v: T): T {
  const preset = findProviderPreset(v.providerType);
  const keys = new Set(preset?.placeholders.map((p) => p.key));
  return { ...v, providerParams: Object.fromEntries(Object.entries(v.providerParams).filter(([k]) => keys.has(k))) };
}

function normalizeEndpoints<T extends { grantType: string; authorizationUrl: string }>(v: T) {
  return {
    ...v,
    authorizationUrl: usesAuthorizationCode(v.grantType) && v.authorizationUrl ? v.authorizationUrl : null,
  };
}

function normalizeClient<
  T extends {
    grantType: string;
    clientAuthMethod: string;
    clientSecret: string;
    clientSecretExpiresOn: string | null;
    authParams: KeyValueRow[];
    tokenParams: KeyValueRow[];
  },
>(v: T) {
  return {
    ...v,
    // An empty field keeps the stored secret; a public client or a key has none (nor its expiry).
    clientSecret: !needsClientSecret(v.clientAuthMethod) || v.clientSecret === "" ? null : v.clientSecret,
    clientSecretExpiresOn: !needsClientSecret(v.clientAuthMethod) ? null : v.clientSecretExpiresOn,
    authParams: usesAuthorizationCode(v.grantType) ? withoutBlankRows(v.authParams) : [],
    tokenParams: withoutBlankRows(v.tokenParams),
  };
}

export function createConnectionSchemas(options: ConnectionSchemaOptions) {
  const s = {
    settings: stepShape("settings", options),
    grant: stepShape("grant", options),
    endpoints: stepShape("endpoints", options),
    client: stepShape("client", options),
    tokens: stepShape("tokens", options),
  };
  const steps = {
    settings: z.object(s.settings).superRefine(checkSettings).transform(normalizeSettings),
    grant: z.object(s.grant),
    endpoints: z
      .object({ ...s.endpoints, grantType: s.grant.grantType })
      .superRefine((v, ctx) => checkEndpoints(v, ctx, options))
      .transform(normalizeEndpoints),
    client: z
      .object({ ...s.client, grantType: s.grant.grantType })
      .superRefine((v, ctx) => checkClient(v, ctx, options))
      .transform(normalizeClient),
    tokens: z.object({ ...s.tokens, grantType: s.grant.grantType }).superRefine(checkTokens),
  } satisfies Record<EditableStepId, z.ZodType>;

  const full = z
    .object({ ...s.settings, ...s.grant, ...s.endpoints, ...s.client, ...s.tokens })
    .superRefine((v, ctx) => {
      checkSettings(v, ctx);
      checkEndpoints(v, ctx, options);
      checkClient(v, ctx, options);
      checkTokens(v, ctx);
    })
    .transform((v) => normalizeClient(normalizeEndpoints(normalizeSettings(v))));

  return { steps, full };
}

export type ConnectionSchemas = ReturnType<typeof createConnectionSchemas>;
/** What the form holds (and what the server actions receive). */
export type ConnectionFormValues = z.input<ConnectionSchemas["full"]>;
/** Validated, normalized values: `clientSecret` null means keep the stored one. */
export type ConnectionInput = z.output<ConnectionSchemas["full"]>;
/** Validated values of the steps saved so far. */
export type ConnectionDraftInput = Partial<ConnectionInput>;

/** The fields of each wizard step, in the order the registry lists them. */
export const STEP_FIELDS = Object.fromEntries(
  (["settings", "grant", "endpoints", "client", "tokens"] as const).map((step) => [
    step,
    CONNECTION_FIELD_NAMES.filter((name) => CONNECTION_FIELDS[name].step === step),
  ]),
) as unknown as Record<EditableStepId, readonly ConnectionFieldName[]>;

export function stepIndex(id: ConnectionStepId): number {
  return CONNECTION_STEPS.findIndex((s) => s.id === id);
}

export function isStepId(value: string | undefined): value is ConnectionStepId {
  return CONNECTION_STEPS.some((s) => s.id === value);
}

/** The step a form field belongs to, for jumping to the first error the server reported. */
export function stepOfField(path: string): EditableStepId | undefined {
  const field = path.split(".")[0];
  return (Object.keys(STEP_FIELDS) as EditableStepId[]).find((step) =>
    (STEP_FIELDS[step] as readonly string[]).includes(field ?? ""),
  );
}

/** Values for a new, empty connection. */
export const EMPTY_CONNECTION_VALUES = Object.fromEntries(
  CONNECTION_FIELD_NAMES.map((name) => [name, CONNECTION_FIELDS[name].default]),
) as ConnectionFormValues;

/** Server-side input of the draft action besides the values: which draft, at which version, leaving which step. */
export const draftRequestSchema = z.object({
  draftId: z.string().min(1).max(64).optional(),
  version: z.number().int().min(1).optional(),
  step: z.enum(["settings", "grant", "endpoints", "client", "tokens"]),
});

/** A connection and the version the form was loaded at (optimistic concurrency). */
export const connectionVersionSchema = z.object({ connectionId: recordIdSchema, version: z.number().int().min(1) });

export const connectionIdSchema = z.object({ connectionId: recordIdSchema });

export const setConnectionEnabledSchema = connectionIdSchema.extend({ enabled: z.boolean() });

/** Rotate-secret dialog: the new secret and its expiry date, if it has one (empty: it does not expire). */
export const rotateSecretSchema = connectionIdSchema
  .extend({
    secret: z
      .string()
      .min(1, "Type the new client secret.")
      .max(512, "Use at most 512 characters.")
      .refine((v) => VSCHAR.test(v), "A client secret uses printable ASCII characters only.")
      .refine((v) => v.trim() === v, "Remove the spaces at the start or end of the secret."),
    expiresOn: z
      .string()
      .trim()
      .refine((v) => v === "" || expiryDateFromText(v) !== null, "Enter a date, such as 2027-03-31.")
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.expiresOn) checkSecretExpiry(v.expiresOn, ctx, {}, "expiresOn");
  });
export type RotateSecretInput = z.input<typeof rotateSecretSchema>;

/** Delete dialog: the admin types the connection's name to confirm. */
export const deleteConnectionSchema = connectionIdSchema.extend({
  confirmName: z
    .string()
    .max(NAME_MAX + 10)
    .min(1, "Type the connection name to confirm."),
});
export type DeleteConnectionInput = z.input<typeof deleteConnectionSchema>;

/** Visible labels of the form's fields, for messages that name a field. */
export const CONNECTION_FIELD_LABELS = Object.fromEntries(
  CONNECTION_FIELD_NAMES.map((name) => [name, CONNECTION_FIELDS[name].label]),
) as Record<ConnectionFieldName, string>;

/** Fields whose saved values differ between two versions of the form (the secret is write-only and never compared). */
export function changedFields(
  before: ConnectionFormValues,
  after: ConnectionFormValues,
): (keyof ConnectionFormValues)[] {
  return (Object.keys(CONNECTION_FIELD_LABELS) as (keyof ConnectionFormValues)[]).filter(
    (key) =>
      !("secret" in CONNECTION_FIELDS[key]) &&
      JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null),
  );
}

/**
 * Three-way merge after a conflict: fields the other person changed and this form left as loaded
 * take their value; fields changed here stay as typed. Returns the fields to take from theirs.
 */
export function fieldsToTakeFromTheirs(
  baseline: ConnectionFormValues,
  mine: ConnectionFormValues,
  theirs: ConnectionFormValues,
): (keyof ConnectionFormValues)[] {
  return changedFields(baseline, theirs).filter(
    (key) => JSON.stringify(mine[key] ?? null) === JSON.stringify(baseline[key] ?? null),
  );
}
