/**
 * Every field of a connection, once (lib/connections/fields/, one file per wizard step): label,
 * step, default, validation, storage, secret or not, copied on duplicate or not. The form values
 * and per-step schemas (lib/schemas/connection.ts), the row mapping, audit snapshot and duplication
 * (connection-record.ts) and the settings a test runs with all derive from it, so a new field is
 * one entry there, a migration and its UI section.
 */
import type { EditableStepId } from "@/lib/connections/connection-steps";
import type { ConnectionSchemaOptions } from "@/lib/schemas/connection-values";
import { SETTINGS_FIELDS } from "@/lib/connections/fields/settings-fields";
import { ENDPOINT_FIELDS } from "@/lib/connections/fields/endpoint-fields";
import { CLIENT_FIELDS } from "@/lib/connections/fields/client-fields";
import { TOKEN_FIELDS } from "@/lib/connections/fields/token-fields";

export const CONNECTION_FIELDS = { ...SETTINGS_FIELDS, ...ENDPOINT_FIELDS, ...CLIENT_FIELDS, ...TOKEN_FIELDS };

export type ConnectionFields = typeof CONNECTION_FIELDS;
export type ConnectionFieldName = keyof ConnectionFields;

export const CONNECTION_FIELD_NAMES = Object.keys(CONNECTION_FIELDS) as ConnectionFieldName[];

/** What the form holds for each field (the input of its schema). */
export type ConnectionFieldValues = { [K in ConnectionFieldName]: ConnectionFields[K]["default"] };

/** The zod shape of one wizard step's fields. */
export type StepShape<Step extends EditableStepId> = {
  [K in ConnectionFieldName as ConnectionFields[K]["step"] extends Step ? K : never]: ReturnType<
    ConnectionFields[K]["schema"]
  >;
};

export function stepShape<Step extends EditableStepId>(step: Step, options: ConnectionSchemaOptions): StepShape<Step> {
  const entries = CONNECTION_FIELD_NAMES.filter((name) => CONNECTION_FIELDS[name].step === step).map((name) => [
    name,
    CONNECTION_FIELDS[name].schema(options),
  ]);
  return Object.fromEntries(entries) as StepShape<Step>;
}

/** A field's visible label: its input, the summary row and the e2e selectors all read it here. */
export function fieldLabel(name: ConnectionFieldName): string {
  return CONNECTION_FIELDS[name].label;
}
