/**
 * Reading a connections file without touching the database: JSON or YAML, its checksum, each
 * entry checked by the file schema and then by the wizard's full form schema (the rules that span
 * fields), the secret references resolved from the environment. Every problem is collected with
 * its path, so a file is refused once with all of them.
 */
import { createHash } from "node:crypto";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { connectionNameKey } from "@/lib/connections/name-key";
import { createConnectionSchemas, EMPTY_CONNECTION_VALUES, type ConnectionInput } from "@/lib/schemas/connection";
import {
  CONNECTIONS_FILE_VERSION,
  connectionEntrySchema,
  secretReferenceSchema,
  secretEnvNameFor,
  type FileError,
} from "@/lib/connections-file/connections-file-schema";

export type Env = Record<string, string | undefined>;
/**
 * `keepsStoredSecret`: the entry names no secret although its client needs one, so the stored
 * secret stays (the plan refuses it when none is stored): a file can change settings without
 * every secret in the importing server's environment.
 */
export type ValidEntry = { name: string; enabled: boolean; input: ConnectionInput; keepsStoredSecret?: boolean };
export type ReadFile = { checksum: string; entries: ValidEntry[]; errors: FileError[] };

export function checksumOf(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function parseText(text: string): { value: unknown } | { error: string } {
  try {
    // YAML 1.2 reads JSON too, but JSON.parse is much faster on a large exported file.
    return { value: text.trimStart().startsWith("{") ? JSON.parse(text) : parseYaml(text) };
  } catch (error) {
    return { error: `The file is neither valid JSON nor YAML: ${(error as Error).message.split("\n")[0]}` };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  Boolean(value) && typeof value === "object" && !Array.isArray(value);

function issueErrors(label: string, issues: z.core.$ZodIssue[], connection?: string): FileError[] {
  return issues.flatMap((issue) => {
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [undefined];
    return keys.map((key) => {
      const path = key === undefined ? issue.path.map(String) : [...issue.path.map(String), key];
      const message = key === undefined ? issue.message : "Not a connection setting.";
      return { path: [label, ...path].join("."), connection, field: path[0], message };
    });
  });
}

export function missingSecretMessage(label: string): string {
  return `This client authenticates with a secret: add "clientSecret": {"env": "${secretEnvNameFor(label)}"}.`;
}

function unsetError(label: string, envName: string, connection?: string): FileError {
  const message = `The environment variable ${envName} is not set.`;
  return { path: `${label}.clientSecret`, connection, field: "clientSecret", message };
}

type FullSchema = ReturnType<typeof createConnectionSchemas>["full"];
/** `keeping`: the edit form's schema, where a stored secret may stand in for one not given. */
type FileSchemas = { full: FullSchema; keeping: FullSchema };

function checkEntry(raw: unknown, index: number, env: Env, { full: schema, keeping }: FileSchemas) {
  const position = `connections[${index}]`;
  if (!isObject(raw)) return { errors: [{ path: position, message: "Each connection is an object with a name." }] };
  const name = typeof raw.name === "string" && raw.name.trim() ? raw.name.trim() : undefined;
  const label = name ?? position;
  const shape = connectionEntrySchema.safeParse(raw);
  const reference = secretReferenceSchema.safeParse(raw.clientSecret).data;
  const secret = reference ? env[reference.env] : undefined;
  const unset = reference && !secret ? [unsetError(label, reference.env, name)] : [];
  if (!shape.success) return { name, errors: [...issueErrors(label, shape.error.issues, name), ...unset] };
  // The full schema reads the settings as written (the file schema's output is already transformed).
  const settings = Object.fromEntries(
    Object.entries(raw).filter(([key]) => key !== "clientSecret" && key !== "enabled"),
  );
  const errors: FileError[] = [];
  const at = (field: string, message: string) =>
    errors.push({ path: `${label}.${field}`, connection: name, field, message });
  errors.push(...unset);
  if (reference && settings.clientAuthMethod === "none")
    at("clientSecret", "A public client (authentication none) has no secret: remove clientSecret.");
  const values = { ...EMPTY_CONNECTION_VALUES, ...settings, clientSecret: secret ?? "" };
  const full = schema.safeParse(values);
  const enabled = raw.enabled !== false;
  if (!full.success) {
    let secretMissing = false;
    for (const error of issueErrors(label, full.error.issues, name)) {
      if (error.field !== "clientSecret") errors.push(error);
      else if (!reference) secretMissing = true;
      else if (secret) errors.push(error);
    }
    const kept = secretMissing && !errors.length && name ? keeping.safeParse(values) : undefined;
    if (kept?.success && name)
      return { name, errors, entry: { name, enabled, input: kept.data, keepsStoredSecret: true } };
    if (secretMissing) at("clientSecret", missingSecretMessage(label));
  }
  if (errors.length || !full.success || !name) return { name, errors };
  return { name, errors, entry: { name, enabled, input: full.data } };
}

/** The file's entries, validated; `errors` lists every problem of the file. */
export function readConnectionsFile(text: string, env: Env, allowHttp: boolean): ReadFile {
  const checksum = checksumOf(text);
  const parsed = parseText(text);
  if ("error" in parsed) return { checksum, entries: [], errors: [{ path: "(file)", message: parsed.error }] };
  const file = parsed.value;
  if (!isObject(file))
    return {
      checksum,
      entries: [],
      errors: [{ path: "(file)", message: "The file is an object with version and connections." }],
    };
  const errors: FileError[] = [];
  if (file.version !== CONNECTIONS_FILE_VERSION)
    errors.push({ path: "version", message: `This importer reads version ${CONNECTIONS_FILE_VERSION} files.` });
  for (const key of Object.keys(file).filter((k) => k !== "version" && k !== "connections"))
    errors.push({ path: key, message: "Not part of a connections file (version, connections)." });
  if (!Array.isArray(file.connections)) {
    errors.push({ path: "connections", message: "List the connections in an array." });
    return { checksum, entries: [], errors };
  }
  const entries: ValidEntry[] = [];
  // Built once per file: building the form schema costs more than checking an entry with it.
  const schemas = {
    full: createConnectionSchemas({ allowHttp, hasStoredSecret: false }).full,
    keeping: createConnectionSchemas({ allowHttp, hasStoredSecret: true }).full,
  };
  const seen = new Set<string>();
  file.connections.forEach((raw, index) => {
    const checked = checkEntry(raw, index, env, schemas);
    errors.push(...checked.errors);
    if (checked.name) {
      const key = connectionNameKey(checked.name);
      if (seen.has(key))
        errors.push({
          path: `${checked.name}.name`,
          connection: checked.name,
          field: "name",
          message: "This name appears more than once in the file (names ignore case).",
        });
      seen.add(key);
    }
    if (checked.entry) entries.push(checked.entry);
  });
  return { checksum, entries, errors };
}
