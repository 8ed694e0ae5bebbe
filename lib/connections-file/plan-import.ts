/**
 * The plan of an import: per connection of the file, create, update (with a field-level diff by
 * the registry's labels) or unchanged, and with prune the active connections the file leaves out
 * as deletes. Changes nothing. A secret is compared with the stored one where secrets are opened
 * (lib/connections/client-profile.ts) and shown only as "changed"; the plan never holds it.
 */
import type { Connection, PrismaClient } from "@/lib/db/generated/client";
import { prisma as db, type Tx } from "@/lib/db/prisma";
import { getConfig } from "@/lib/config/env";
import { storedSecretEquals } from "@/lib/connections/client-profile";
import { CONNECTION_FIELD_NAMES, fieldLabel } from "@/lib/connections/connection-fields";
import { diffFields } from "@/lib/audit/diff";
import { auditSnapshotOf, connectionColumnsFrom, connectionFormValuesFrom } from "@/lib/connections/connection-record";
import { connectionNameKey } from "@/lib/connections/name-key";
import { secretBindingChange } from "@/lib/connections/secret-binding";
import type { ConnectionInput } from "@/lib/schemas/connection";
import type { FileError } from "@/lib/connections-file/connections-file-schema";
import { missingSecretMessage, readConnectionsFile, type Env } from "@/lib/connections-file/read-connections-file";

export type PlanChange = { field: string; label: string; before: string | null; after: string | null };
export type PlanEntry = { name: string; action: "create" | "update" | "unchanged" | "delete"; changes: PlanChange[] };
export type ImportPlan = { checksum: string; entries: PlanEntry[]; errors: FileError[] };
export type ImportOptions = { prune?: boolean; env?: Env };

/** What apply needs besides the plan: the validated input and the row it changes. */
export type PlannedItem = { entry: PlanEntry; input?: ConnectionInput; enabled?: boolean; current?: Connection };

const SECRET_CHANGED = "changed";

function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** A value as the plan shows it; an empty value is null. */
export function displayValue(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return String(value);
  if (Array.isArray(value) && value.length === 0) return null;
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.join(" ");
  if (typeof value === "object" && Object.keys(value).length === 0) return null;
  return sortedJson(value);
}

const SETTING_FIELDS = CONNECTION_FIELD_NAMES.filter((name) => name !== "clientSecret");

function fieldChanges(before: Record<string, unknown> | null, after: Record<string, unknown>): PlanChange[] {
  const changes: PlanChange[] = [];
  for (const field of SETTING_FIELDS) {
    const [from, to] = [before ? displayValue(before[field]) : null, displayValue(after[field])];
    if (from !== to) changes.push({ field, label: fieldLabel(field), before: from, after: to });
  }
  return changes;
}

const secretChange: PlanChange = {
  field: "clientSecret",
  label: fieldLabel("clientSecret"),
  before: null,
  after: SECRET_CHANGED,
};

const enabledChange = (before: boolean | null, after: boolean): PlanChange => ({
  field: "enabled",
  label: "Enabled",
  before: before === null ? null : displayValue(before),
  after: displayValue(after),
});

function planCreate(name: string, input: ConnectionInput, enabled: boolean): PlannedItem {
  const values = connectionFormValuesFrom({ ...connectionColumnsFrom(input) } as Connection);
  const changes = fieldChanges(null, values as Record<string, unknown>);
  changes.push(enabledChange(null, enabled));
  if (input.clientSecret) changes.push(secretChange);
  return { entry: { name, action: "create", changes }, input, enabled };
}

function planUpdate(name: string, input: ConnectionInput, enabled: boolean, current: Connection): PlannedItem {
  const preview = { ...current, ...connectionColumnsFrom(input) } as Connection;
  const changes = fieldChanges(
    connectionFormValuesFrom(current) as Record<string, unknown>,
    connectionFormValuesFrom(preview) as Record<string, unknown>,
  );
  let secret: string | null = input.clientSecret;
  if (secret && !storedSecretEquals(current, secret)) changes.push(secretChange);
  // The same secret is kept as sealed, unless the token endpoint moved: then it is sealed for the new one.
  else if (secret && !secretBindingChange(current, preview)) secret = null;
  if (!secret && input.clientAuthMethod === "none" && current.clientSecretEncrypted) changes.push(secretChange);
  // A save writes only when what the audit compares differs (the discovery document counts as imported or not).
  const writes =
    secret !== null || Object.keys(diffFields(auditSnapshotOf(current), auditSnapshotOf(preview))).length > 0;
  const shown = writes ? changes : [];
  if (enabled !== current.enabled) shown.push(enabledChange(current.enabled, enabled));
  const action = shown.length ? "update" : "unchanged";
  return {
    entry: { name, action, changes: shown },
    input: { ...input, clientSecret: secret } as ConnectionInput,
    enabled,
    current,
  };
}

const byEntryName = (a: PlannedItem, b: PlannedItem) => {
  const [x, y] = [connectionNameKey(a.entry.name), connectionNameKey(b.entry.name)];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The plan against the database `client` reads (apply passes its transaction). */
export async function buildImportPlan(
  client: Tx | PrismaClient,
  text: string,
  options: ImportOptions,
): Promise<{ plan: ImportPlan; items: PlannedItem[] }> {
  const read = readConnectionsFile(text, options.env ?? process.env, getConfig().outboundAllowHttp);
  const errors = [...read.errors];
  const rows = await client.connection.findMany();
  const keyOf = (row: Connection) => row.nameKey ?? connectionNameKey(row.name);
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  const items: PlannedItem[] = [];
  const named = new Set<string>();
  for (const { name, input, enabled, keepsStoredSecret } of read.entries) {
    const current = byKey.get(connectionNameKey(name));
    named.add(connectionNameKey(name));
    if (keepsStoredSecret && !current?.clientSecretEncrypted) {
      const message = missingSecretMessage(name);
      errors.push({ path: `${name}.clientSecret`, connection: name, field: "clientSecret", message });
    } else if (input.clientAuthMethod === "private_key_jwt" && !current?.privateKeyEncrypted) {
      // A file never carries a private key; the installation generates or imports its own.
      const message =
        "No private key is stored for this connection: create it in the console or through the API (PUT …/client-key) first.";
      errors.push({ path: `${name}.clientAuthMethod`, connection: name, field: "clientAuthMethod", message });
    } else if (current?.status === "DRAFT") {
      errors.push({
        path: `${name}.name`,
        connection: name,
        field: "name",
        message: `A draft named “${current.name}” exists in the console: finish or delete it first.`,
      });
    } else items.push(current ? planUpdate(name, input, enabled, current) : planCreate(name, input, enabled));
  }
  if (options.prune) {
    for (const row of rows)
      if (row.status === "ACTIVE" && !named.has(keyOf(row)))
        items.push({ entry: { name: row.name, action: "delete", changes: [] }, current: row });
  }
  items.sort(byEntryName);
  const plan = { checksum: read.checksum, entries: errors.length ? [] : items.map((i) => i.entry), errors };
  return { plan, items: errors.length ? [] : items };
}

/** What applying `text` would do; nothing is changed. `env` (default process.env) resolves secret references. */
export async function planImport(text: string, options: ImportOptions): Promise<ImportPlan> {
  return (await buildImportPlan(db, text, options)).plan;
}
