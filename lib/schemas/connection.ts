/**
 * The connection form's schemas: one per wizard step plus the full schema, shared by the browser
 * form (zodResolver) and the server actions, which re-validate everything. The schemas depend on
 * two facts the browser cannot know by itself, passed in as options: whether plain http is
 * allowed (OUTBOUND_ALLOW_HTTP) and whether a client secret is already stored.
 */
import { z } from "zod";
import { recordIdSchema } from "@/lib/schemas/record-id";
import {
  CLIENT_AUTH_METHODS,
  GRANT_TYPES,
  PKCE_METHODS,
  RESERVED_PARAMETERS,
  TOKEN_SHARING,
  usesAuthorizationCode,
} from "@/lib/oauth/connection-options";
import { discoverySummarySchema } from "@/lib/oauth/discovery-summary";
import { findProviderPreset, placeholderProblem } from "@/lib/oauth/provider-presets";
import { MAX_SCOPES, scopeTokenProblem } from "@/lib/oauth/scopes";
import { API_CHECK_METHODS, BASIC_AUTH_ENCODINGS } from "@/lib/oauth/connection-options";

export type ConnectionSchemaOptions = { allowHttp: boolean; hasStoredSecret: boolean };

export const CONNECTION_STEPS = [
  { id: "settings", title: "Connection settings" },
  { id: "grant", title: "Grant type" },
  { id: "endpoints", title: "Endpoints" },
  { id: "client", title: "Client" },
  { id: "tokens", title: "Tokens" },
  { id: "review", title: "Review" },
] as const;

export type ConnectionStepId = (typeof CONNECTION_STEPS)[number]["id"];
export type EditableStepId = Exclude<ConnectionStepId, "review">;

export const NAME_MIN = 3;
export const NAME_MAX = 64;
export const DESCRIPTION_MAX = 500;
export const URL_MAX = 2048;
export const MAX_EXTRA_PARAMETERS = 20;
export const TOKEN_LIFETIME_MIN = 60;
export const TOKEN_LIFETIME_MAX = 31_536_000;
/** A day, like the token API's min_valid_seconds. */
export const REFRESH_MARGIN_MAX = 86_400;

const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F]/;
// RFC 6749 Appendix A: client_id and client_secret are VSCHAR, printable ASCII.
const VSCHAR = /^[\x20-\x7E]*$/;
const PARAMETER_NAME = /^[A-Za-z0-9._~:-]{1,64}$/;

/** Why a value is not a usable endpoint URL, or undefined when it is. */
export function urlProblem(value: string, allowHttp: boolean): string | undefined {
  const httpsOnly = "Use an https:// URL. Plain http:// is allowed only when OUTBOUND_ALLOW_HTTP=true (local test servers).";
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return "Enter an absolute URL, such as https://login.example.com/oauth2/token.";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a valid URL, such as https://login.example.com/oauth2/token.";
  }
  if (url.protocol !== "https:" && !(allowHttp && url.protocol === "http:")) {
    return allowHttp ? "Use an https:// or http:// URL." : httpsOnly;
  }
  if (url.username || url.password) return "Remove the user name and password from the URL.";
  // RFC 6749 §3.1 and §3.2: endpoint URIs must not include a fragment.
  if (url.hash || value.includes("#")) return "Remove the #fragment: OAuth endpoints cannot have one.";
  return undefined;
}

const trimmed = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .refine((v) => !CONTROL_CHARACTERS.test(v), "Remove line breaks and control characters.");

const optionalText = (max: number, tooLong: string) => trimmed(max, tooLong).transform((v) => (v === "" ? null : v));

function url(options: ConnectionSchemaOptions, { required, label }: { required: boolean; label: string }) {
  return z
    .string()
    .trim()
    .max(URL_MAX, `Use at most ${URL_MAX} characters.`)
    .superRefine((value, ctx) => {
      if (!value) {
        if (required) ctx.addIssue({ code: "custom", message: `Enter the ${label}.` });
        return;
      }
      const problem = urlProblem(value, options.allowHttp);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((v) => (v === "" ? null : v));
}

const keyValueRow = z.object({
  key: z.string().trim().max(64, "Use at most 64 characters."),
  value: z.string().trim().max(1024, "Use at most 1024 characters."),
});

const keyValueRows = z.array(keyValueRow).max(MAX_EXTRA_PARAMETERS, `Use at most ${MAX_EXTRA_PARAMETERS} parameters.`);

type KeyValueRow = z.infer<typeof keyValueRow>;

function checkParameterRows(rows: unknown, field: "authParams" | "tokenParams", ctx: z.RefinementCtx) {
  if (!Array.isArray(rows)) return;
  const seen = new Set<string>();
  (rows as KeyValueRow[]).forEach((row, index) => {
    const key = String(row?.key ?? "").trim();
    const value = String(row?.value ?? "");
    if (!key && !value.trim()) return;
    const path = [field, index, "key"];
    if (!key) {
      ctx.addIssue({ code: "custom", path, message: "Enter the parameter name." });
      return;
    }
    if (!PARAMETER_NAME.test(key)) {
      ctx.addIssue({ code: "custom", path, message: "Use letters, digits, and . _ ~ : - only." });
      return;
    }
    const lower = key.toLowerCase();
    if ((RESERVED_PARAMETERS as readonly string[]).includes(lower)) {
      const ownField = ["scope", "resource", "audience"].includes(lower);
      ctx.addIssue({
        code: "custom",
        path,
        message: ownField ? `“${key}” has its own field above; set it there.` : `“${key}” is set by the protocol itself and cannot be overridden.`,
      });
      return;
    }
    if (seen.has(lower)) ctx.addIssue({ code: "custom", path, message: `“${key}” is already set above.` });
    seen.add(lower);
    if (CONTROL_CHARACTERS.test(value)) {
      ctx.addIssue({ code: "custom", path: [field, index, "value"], message: "Remove line breaks and control characters." });
    }
  });
}

// Blank rows are an empty line the admin added and left; they carry nothing to keep.
const withoutBlankRows = (rows: KeyValueRow[]) => rows.filter((r) => r.key || r.value);

const scopeList = z
  .array(z.string())
  .max(MAX_SCOPES, `Use at most ${MAX_SCOPES} scopes.`)
  .superRefine((scopes, ctx) => {
    scopes.forEach((scope, index) => {
      const problem = scopeTokenProblem(scope);
      if (problem) ctx.addIssue({ code: "custom", path: [index], message: problem });
    });
  })
  // RFC 6749 §3.3: the scope is a set; the order is kept, duplicates dropped.
  .transform((scopes) => [...new Set(scopes)]);

function shapes(options: ConnectionSchemaOptions) {
  return {
    settings: {
      providerType: z.string().max(64),
      providerParams: z.record(z.string().max(32), z.string().trim().max(253, "Use at most 253 characters.")),
      name: z
        .string()
        .trim()
        .min(NAME_MIN, `Use at least ${NAME_MIN} characters.`)
        .max(NAME_MAX, `Use at most ${NAME_MAX} characters.`)
        .refine((v) => !CONTROL_CHARACTERS.test(v), "Remove line breaks and control characters."),
      description: optionalText(DESCRIPTION_MAX, `Use at most ${DESCRIPTION_MAX} characters.`),
    },
    grant: {
      grantType: z.enum(GRANT_TYPES, { message: "Choose a grant type." }),
      pkceMethod: z.enum(PKCE_METHODS, { message: "Choose S256 or plain." }),
    },
    endpoints: {
      issuer: url(options, { required: false, label: "issuer URL" }),
      // Validated in checkEndpoints: only code flows use it, and a hidden field must not block Next.
      authorizationUrl: z.string().trim().max(URL_MAX, `Use at most ${URL_MAX} characters.`),
      tokenUrl: url(options, { required: true, label: "token URL" }),
      userinfoUrl: url(options, { required: false, label: "userinfo URL" }),
      revocationUrl: url(options, { required: false, label: "revocation URL" }),
      jwksUrl: url(options, { required: false, label: "JWKS URL" }),
      discoveryMetadata: discoverySummarySchema.nullable(),
    },
    client: {
      clientId: z
        .string()
        .trim()
        .min(1, "Enter the client ID.")
        .max(255, "Use at most 255 characters.")
        .refine((v) => VSCHAR.test(v), "A client ID uses printable ASCII characters only."),
      // Write-only: empty means "keep the stored secret". Checked in checkClient.
      clientSecret: z.string().max(512, "Use at most 512 characters."),
      clientAuthMethod: z.enum(CLIENT_AUTH_METHODS, { message: "Choose a client authentication method." }),
      basicAuthEncoding: z.enum(BASIC_AUTH_ENCODINGS, { message: "Choose how the Basic credentials are encoded." }).default("form"),
      scopes: scopeList,
      audience: optionalText(512, "Use at most 512 characters."),
      resource: z
        .string()
        .trim()
        .max(URL_MAX, `Use at most ${URL_MAX} characters.`)
        .superRefine((value, ctx) => {
          if (!value) return;
          // RFC 8707 §2: an absolute URI without a fragment.
          if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(value) || !URL.canParse(value)) {
            ctx.addIssue({ code: "custom", message: "Enter an absolute URI, such as https://api.example.com." });
          } else if (value.includes("#")) {
            ctx.addIssue({ code: "custom", message: "Remove the #fragment: a resource indicator cannot have one." });
          }
        })
        .transform((v) => (v === "" ? null : v)),
      authParams: keyValueRows,
      tokenParams: keyValueRows,
    },
    tokens: {
      tokenSharing: z.enum(TOKEN_SHARING, { message: "Choose Shared or Per user." }),
      autoRefresh: z.boolean(),
      defaultTokenLifetime: z
        .number({ message: "Enter a number of seconds." })
        .int("Enter whole seconds.")
        .min(TOKEN_LIFETIME_MIN, `Use at least ${TOKEN_LIFETIME_MIN} seconds.`)
        .max(TOKEN_LIFETIME_MAX, "Use at most one year (31536000 seconds)."),
      refreshMarginSeconds: z
        .number({ message: "Enter a number of seconds." })
        .int("Enter whole seconds.")
        .min(0, "Use 0 seconds or more.")
        .max(REFRESH_MARGIN_MAX, `Use at most one day (${REFRESH_MARGIN_MAX} seconds).`),
      apiCheckUrl: url(options, { required: false, label: "API URL" }).default(""),
      apiCheckMethod: z.enum(API_CHECK_METHODS, { message: "Choose GET, POST or HEAD." }).default("GET"),
      apiCheckStatus: z
        .number({ message: "Enter an HTTP status such as 200." })
        .int("Enter an HTTP status such as 200.")
        .min(100, "Enter an HTTP status between 100 and 599.")
        .max(599, "Enter an HTTP status between 100 and 599.")
        .default(200),
      testIntrospection: z.boolean().default(false),
      testRevocation: z.boolean().default(false),
    },
  };
}

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

function checkClient(v: Loose, ctx: Ctx, options: ConnectionSchemaOptions) {
  checkParameterRows(v.tokenParams, "tokenParams", ctx);
  // Authorization parameters are hidden (and dropped) for client credentials: nothing to check.
  if (usesAuthorizationCode(String(v.grantType))) checkParameterRows(v.authParams, "authParams", ctx);
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
  if (!secret && !options.hasStoredSecret) {
    ctx.addIssue({ code: "custom", path: ["clientSecret"], message: "Enter the client secret." });
  } else if (secret && !VSCHAR.test(secret)) {
    ctx.addIssue({ code: "custom", path: ["clientSecret"], message: "A client secret uses printable ASCII characters only." });
  } else if (secret && secret.trim() !== secret) {
    ctx.addIssue({ code: "custom", path: ["clientSecret"], message: "Remove the spaces at the start or end of the secret." });
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
  return { ...v, authorizationUrl: usesAuthorizationCode(v.grantType) && v.authorizationUrl ? v.authorizationUrl : null };
}

function normalizeClient<T extends { grantType: string; clientAuthMethod: string; clientSecret: string; authParams: KeyValueRow[]; tokenParams: KeyValueRow[] }>(
  v: T,
) {
  return {
    ...v,
    // An empty field keeps the stored secret; a public client has none.
    clientSecret: v.clientAuthMethod === "none" || v.clientSecret === "" ? null : v.clientSecret,
    authParams: usesAuthorizationCode(v.grantType) ? withoutBlankRows(v.authParams) : [],
    tokenParams: withoutBlankRows(v.tokenParams),
  };
}

export function createConnectionSchemas(options: ConnectionSchemaOptions) {
  const s = shapes(options);
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

export const STEP_FIELDS: Record<EditableStepId, readonly (keyof ConnectionFormValues)[]> = {
  settings: ["providerType", "providerParams", "name", "description"],
  grant: ["grantType", "pkceMethod"],
  endpoints: ["issuer", "authorizationUrl", "tokenUrl", "userinfoUrl", "revocationUrl", "jwksUrl", "discoveryMetadata"],
  client: ["clientId", "clientSecret", "clientAuthMethod", "basicAuthEncoding", "scopes", "audience", "resource", "authParams", "tokenParams"],
  tokens: ["tokenSharing", "autoRefresh", "defaultTokenLifetime", "refreshMarginSeconds", "apiCheckUrl", "apiCheckMethod", "apiCheckStatus", "testIntrospection", "testRevocation"],
};

export function stepIndex(id: ConnectionStepId): number {
  return CONNECTION_STEPS.findIndex((s) => s.id === id);
}

export function isStepId(value: string | undefined): value is ConnectionStepId {
  return CONNECTION_STEPS.some((s) => s.id === value);
}

/** The step a form field belongs to, for jumping to the first error the server reported. */
export function stepOfField(path: string): EditableStepId | undefined {
  const field = path.split(".")[0];
  return (Object.keys(STEP_FIELDS) as EditableStepId[]).find((step) => (STEP_FIELDS[step] as readonly string[]).includes(field ?? ""));
}

/** Values for a new, empty connection. */
export const EMPTY_CONNECTION_VALUES: ConnectionFormValues = {
  providerType: "custom",
  providerParams: {},
  name: "",
  description: "",
  grantType: "authorization_code_pkce",
  pkceMethod: "S256",
  issuer: "",
  authorizationUrl: "",
  tokenUrl: "",
  userinfoUrl: "",
  revocationUrl: "",
  jwksUrl: "",
  discoveryMetadata: null,
  clientId: "",
  clientSecret: "",
  clientAuthMethod: "client_secret_basic",
  basicAuthEncoding: "form",
  scopes: [],
  audience: "",
  resource: "",
  authParams: [],
  tokenParams: [],
  tokenSharing: "SHARED",
  autoRefresh: true,
  defaultTokenLifetime: 3600,
  refreshMarginSeconds: 300,
  apiCheckUrl: "",
  apiCheckMethod: "GET",
  apiCheckStatus: 200,
  testIntrospection: false,
  testRevocation: false,
};

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

/** Rotate-secret dialog: an empty secret keeps the current one. */
export const rotateSecretSchema = connectionIdSchema.extend({
  secret: z
    .string()
    .min(1, "Type the new client secret.")
    .max(512, "Use at most 512 characters.")
    .refine((v) => VSCHAR.test(v), "A client secret uses printable ASCII characters only.")
    .refine((v) => v.trim() === v, "Remove the spaces at the start or end of the secret."),
});
export type RotateSecretInput = z.input<typeof rotateSecretSchema>;

/** Delete dialog: the admin types the connection's name to confirm. */
export const deleteConnectionSchema = connectionIdSchema.extend({
  confirmName: z.string().max(NAME_MAX + 10).min(1, "Type the connection name to confirm."),
});
export type DeleteConnectionInput = z.input<typeof deleteConnectionSchema>;

/** Visible labels of the form's fields, for messages that name a field. */
export const CONNECTION_FIELD_LABELS: Record<keyof ConnectionFormValues, string> = {
  providerType: "Provider type",
  providerParams: "Provider details",
  name: "Connection name",
  description: "Description",
  grantType: "Grant type",
  pkceMethod: "PKCE method",
  issuer: "Issuer URL",
  authorizationUrl: "Authorization URL",
  tokenUrl: "Token URL",
  userinfoUrl: "Userinfo URL",
  revocationUrl: "Revocation URL",
  jwksUrl: "JWKS URL",
  discoveryMetadata: "Discovery metadata",
  clientId: "Client ID",
  clientSecret: "Client secret",
  clientAuthMethod: "Client authentication",
  basicAuthEncoding: "Basic credentials encoding",
  scopes: "Scopes",
  audience: "Audience",
  resource: "Resource",
  authParams: "Additional authorization parameters",
  tokenParams: "Additional token parameters",
  tokenSharing: "Token sharing",
  autoRefresh: "Refresh tokens automatically",
  defaultTokenLifetime: "Default token lifetime",
  refreshMarginSeconds: "Refresh margin",
  apiCheckUrl: "API check URL",
  apiCheckMethod: "API check method",
  apiCheckStatus: "API check expected status",
  testIntrospection: "Introspect the token",
  testRevocation: "Revoke the test's tokens",
};

/** Fields whose saved values differ between two versions of the form (the secret is write-only and never compared). */
export function changedFields(before: ConnectionFormValues, after: ConnectionFormValues): (keyof ConnectionFormValues)[] {
  return (Object.keys(CONNECTION_FIELD_LABELS) as (keyof ConnectionFormValues)[]).filter(
    (key) => key !== "clientSecret" && JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null),
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
  return changedFields(baseline, theirs).filter((key) => JSON.stringify(mine[key] ?? null) === JSON.stringify(baseline[key] ?? null));
}
