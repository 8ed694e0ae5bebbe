/**
 * The wire formats of the connection, test and audit resources as zod schemas: routes parse
 * queries and shape answers with them and the OpenAPI document (lib/api/resource-openapi.ts) is
 * generated from them. A connection's settings are the wizard's fields (lib/connections/fields/)
 * without the secret ones: a secret is described only by whether it is set and how old it is.
 */
import { z } from "zod";
import { CONNECTION_FIELDS, CONNECTION_FIELD_NAMES } from "@/lib/connections/connection-fields";
import { GRANT_TYPES } from "@/lib/connections/connection-options";
import { SORT_KEYS, STATUS_FILTERS } from "@/lib/connections/list-connections";
import { CLIENT_KEY_SOURCES } from "@/lib/schemas/client-key";
import { CLIENT_KEY_ALGORITHMS } from "@/lib/oauth/client-auth/private-key-jwt";

/** An optional text parameter of a query, capped in length, with its description for the OpenAPI document. */
export function optionalQueryText(max: number, description: string) {
  return z.string().max(max).optional().meta({ description });
}

export const MAX_PAGE_SIZE = 200;
const pageQuery = {
  limit: z.coerce
    .number("limit must be a whole number.")
    .int("limit must be a whole number.")
    .min(1, "limit must be at least 1.")
    .max(MAX_PAGE_SIZE, `limit can be at most ${MAX_PAGE_SIZE}.`)
    .default(50)
    .meta({ description: "Items per page (default 50)." }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .meta({ description: "The next_cursor of the previous page; leave out for the first page." }),
};

export const connectionListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().meta({ description: "Part of the name, ignoring case." }),
  grant: z.enum(GRANT_TYPES).optional(),
  provider: optionalQueryText(64, "A provider type, such as okta or keycloak."),
  status: z.enum(STATUS_FILTERS).optional(),
  sort: z.enum(SORT_KEYS).default("updated"),
  dir: z.enum(["asc", "desc"]).optional().meta({ description: "Default: asc for name, desc otherwise." }),
  ...pageQuery,
});

export const auditListQuerySchema = z.object({
  actor: optionalQueryText(320, "The actor's email (API keys: API key <name> (<prefix>…))."),
  action: optionalQueryText(100, "An audit event kind, such as connection.updated."),
  connection: optionalQueryText(200, "A connection id or name (part of a name matches)."),
  from: optionalQueryText(10, "First day, YYYY-MM-DD (UTC)."),
  to: optionalQueryText(10, "Last day, YYYY-MM-DD (UTC), included."),
  ...pageQuery,
});

const timestamp = z.iso.datetime();

const secretStateSchema = z
  .object({
    set: z.boolean(),
    set_at: timestamp.nullable(),
    age_seconds: z.number().int().nullable(),
  })
  .meta({ description: "Whether a secret is stored and how old it is; never the secret." });

export const connectionSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  provider_type: z.string(),
  grant_type: z.string(),
  status: z.enum(["DRAFT", "ACTIVE"]),
  health: z.string().meta({ description: "NOT_TESTED, HEALTHY or FAILING." }),
  enabled: z.boolean(),
  last_tested_at: timestamp.nullable(),
  token_expires_at: timestamp.nullable().meta({ description: "When the shared token set's access token expires." }),
  updated_at: timestamp,
});

export const connectionListSchema = z.object({
  data: z.array(connectionSummarySchema),
  next_cursor: z.string().nullable().meta({ description: "Pass as cursor for the next page; null on the last." }),
});

const SECRET_FIELDS = new Set(CONNECTION_FIELD_NAMES.filter((name) => "secret" in CONNECTION_FIELDS[name]));
export const SETTINGS_FIELD_NAMES = CONNECTION_FIELD_NAMES.filter((name) => !SECRET_FIELDS.has(name));

/** The wizard's own field schemas, as the form holds them (io "input" in the document). */
export const connectionSettingsSchema = z
  .object(
    Object.fromEntries(
      SETTINGS_FIELD_NAMES.map((name) => [
        name,
        CONNECTION_FIELDS[name].schema({ allowHttp: true, hasStoredSecret: true }),
      ]),
    ),
  )
  .meta({ description: "Every setting of the connection, as the console's form holds it; no secret." });

export const connectionDetailSchema = connectionSummarySchema.extend({
  version: z.number().int().meta({ description: "Also the ETag: changes with every saved edit." }),
  created_at: timestamp,
  settings: connectionSettingsSchema,
  client_secret: secretStateSchema,
  private_key: z.object({ set: z.boolean() }),
  token: z
    .object({ present: z.boolean(), obtained_at: timestamp.nullable(), expires_at: timestamp.nullable() })
    .meta({ description: "The shared token set: whether one is stored and its times; never a token." }),
});

export const testRunSchema = z.object({
  id: z.string(),
  connection_id: z.string(),
  status: z.string().meta({ description: "SUCCESS, WARNING, FAILED, or AWAITING/RUNNING while a code flow waits." }),
  purpose: z.string(),
  grant_type: z.string(),
  started_at: timestamp,
  finished_at: timestamp.nullable(),
  duration_ms: z.number().int().nullable(),
  warnings: z.array(z.string()),
  trace: z
    .array(z.record(z.string(), z.unknown()))
    .meta({ description: "Each request and response of the test, redacted (no secret, key or token)." }),
  diagnosis: z
    .record(z.string(), z.unknown())
    .nullable()
    .meta({ description: "Why a failed test failed: code, title, cause and fix." }),
});

export const auditEventSchema = z.object({
  seq: z.number().int(),
  created_at: timestamp,
  action: z.string(),
  actor: z.object({ email: z.string().nullable(), role: z.string().nullable() }),
  target: z.object({ type: z.string(), id: z.string(), name: z.string().nullable() }).nullable(),
  connection_id: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).meta({ description: "The event's details; never a secret value." }),
  hash: z.string(),
});

export const auditListSchema = z.object({
  data: z.array(auditEventSchema),
  next_cursor: z.string().nullable(),
});

export const auditVerifySchema = z.object({
  intact: z.boolean(),
  verified_count: z.number().int(),
  head_seq: z.number().int().nullable(),
  head_hash: z.string().nullable(),
  problem: z.object({ kind: z.string(), seq: z.number().int(), message: z.string() }).nullable(),
});

/** PATCH: any settings, by the names GET shows; the rest stay as stored. */
export const connectionPatchSchema = connectionSettingsSchema
  .partial()
  .meta({ description: "The settings to change; the secret is set with PUT …/secret." });

export const clientSecretBodySchema = z.object({
  secret: z.string().meta({ description: "The new client secret. Write-only: no answer contains it." }),
  expiresOn: z
    .string()
    .optional()
    .meta({ description: "The new secret's expiry date (YYYY-MM-DD, today or later); left out: it does not expire." }),
});

/** POST: the settings (defaults for those left out) and the client secret, write-only. */
export const connectionCreateSchema = connectionSettingsSchema
  .partial()
  .extend({ clientSecret: z.string().optional().meta({ description: "Write-only: no answer contains it." }) })
  .meta({ description: "A new connection's settings, validated as the wizard validates them." });

/** PUT …/client-key: generate the private_key_jwt key on the server, or import one (write-only). */
export const clientKeyBodySchema = z.object({
  source: z.enum(CLIENT_KEY_SOURCES).meta({ description: "generate: the console makes the key pair." }),
  algorithm: z.enum(CLIENT_KEY_ALGORITHMS),
  privateKeyImport: z
    .string()
    .optional()
    .meta({ description: "import: the private key as PEM (PKCS#8) or a JWK. Write-only: no answer contains it." }),
  privateKeyCertificate: z
    .string()
    .optional()
    .meta({ description: "import, optional: its certificate (PEM), so assertions carry x5t#S256." }),
});

export const clientKeyResultSchema = z
  .object({
    kid: z.string(),
    alg: z.string(),
    thumbprint: z.string().meta({ description: "RFC 7638 JWK thumbprint (SHA-256, base64url)." }),
    certificate: z.boolean(),
    public_jwk: z.record(z.string(), z.string()).meta({ description: "The public key to register; never private." }),
    jwks_uri: z.string().meta({ description: "The public JWKS the console serves for this connection." }),
  })
  .meta({ description: "The stored key's public half: register it (or the JWKS URL) at the provider." });
