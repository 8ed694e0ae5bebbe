/**
 * The connections file (config as code, #23): a versioned document listing connections by name
 * with every setting of the field registry (lib/connections/fields/) under the names the API
 * uses, and the client secret only as a reference to an environment variable the importer reads.
 * Each setting is checked by the wizard's own field schema; rules spanning fields are checked by
 * the full form schema when a plan is made (plan-import.ts).
 */
import { z } from "zod";
import {
  CONNECTION_FIELD_NAMES,
  CONNECTION_FIELDS,
  type ConnectionFieldName,
} from "@/lib/connections/connection-fields";
import { SETTINGS_FIELD_NAMES } from "@/lib/api/resource-schemas";

export const CONNECTIONS_FILE_VERSION = 1;

const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;

export const secretReferenceSchema = z
  .strictObject({
    env: z
      .string()
      .regex(ENV_NAME, "Name an environment variable in capitals, digits and underscores, such as MY_CLIENT_SECRET.")
      .meta({ description: "The environment variable the importer reads the secret from." }),
  })
  .meta({ description: "Where the importer finds the secret; the file never holds one." });

export type SecretReference = z.infer<typeof secretReferenceSchema>;

const settingNames = SETTINGS_FIELD_NAMES.filter((name) => name !== "name");

/** One connection: its name, every other setting (defaults apply to those left out), the secret's reference. */
export const connectionEntrySchema = z
  .strictObject({
    name: CONNECTION_FIELDS.name.schema({ allowHttp: true, hasStoredSecret: true }),
    ...Object.fromEntries(
      settingNames.map((name) => [
        name,
        CONNECTION_FIELDS[name].schema({ allowHttp: true, hasStoredSecret: true }).optional(),
      ]),
    ),
    enabled: z
      .boolean()
      .optional()
      .meta({ description: "false: the connection is disabled (its tokens are not served). Default true." }),
    clientSecret: secretReferenceSchema.optional(),
  })
  .meta({ description: "A connection by name: its settings as the console's form holds them, no secret." });

export const connectionsFileSchema = z
  .strictObject({
    version: z.literal(CONNECTIONS_FILE_VERSION),
    connections: z.array(connectionEntrySchema),
  })
  .meta({ description: "Handshake connections file, version 1: connections sorted by name, secrets by reference." });

export type ConnectionEntry = { name: string; enabled?: boolean; clientSecret?: SecretReference } & Record<
  string,
  unknown
>;
export type ConnectionsFile = { version: typeof CONNECTIONS_FILE_VERSION; connections: ConnectionEntry[] };

/** One problem of a file, by path: the connection's name (or position) and the field. */
export type FileError = { path: string; connection?: string; field?: string; message: string };

/** The settings in file order: the registry's order, the name first, then enabled and the secret reference. */
export const ENTRY_KEYS: readonly string[] = ["name", ...settingNames, "enabled", "clientSecret"];

export function isSettingName(key: string): key is ConnectionFieldName {
  return (CONNECTION_FIELD_NAMES as string[]).includes(key) && key !== "clientSecret";
}

/** The environment variable an export names for a connection's secret: stable, from the name alone. */
export function secretEnvNameFor(connectionName: string): string {
  const words = connectionName
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
  return `HANDSHAKE_SECRET_${words || "CONNECTION"}`.slice(0, 128);
}
