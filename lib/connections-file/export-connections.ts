/**
 * Export: the chosen active connections as a connections file, deterministic (sorted by name,
 * keys in registry order, nested keys sorted, no timestamps) so export → import → export is
 * byte-identical. A secret is written only as the environment variable to read it from.
 */
import { stringify } from "yaml";
import type { Connection } from "@/lib/db/generated/client";
import { prisma as db } from "@/lib/db/prisma";
import { ApplicationError } from "@/lib/errors/application-error";
import { connectionFormValuesFrom } from "@/lib/connections/connection-record";
import { connectionNameKey } from "@/lib/connections/name-key";
import {
  CONNECTIONS_FILE_VERSION,
  ENTRY_KEYS,
  isSettingName,
  secretEnvNameFor,
  type ConnectionEntry,
  type ConnectionsFile,
} from "@/lib/connections-file/connections-file-schema";

/** Code-point order, so the file does not depend on the machine's locale. */
export function byName<T extends { name: string }>(a: T, b: T): number {
  const [x, y] = [connectionNameKey(a.name), connectionNameKey(b.name)];
  if (x !== y) return x < y ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function entryOf(row: Connection, envName: string): ConnectionEntry {
  const values = connectionFormValuesFrom(row) as Record<string, unknown>;
  const entry: Record<string, unknown> = { name: row.name };
  for (const key of ENTRY_KEYS) if (isSettingName(key) && key !== "name") entry[key] = values[key];
  entry.enabled = row.enabled;
  if (row.clientAuthMethod !== "none") entry.clientSecret = { env: envName };
  return entry as ConnectionEntry;
}

/** Two names that make the same variable get a numbered suffix, in name order. */
function envNamesFor(names: string[]): Map<string, string> {
  const used = new Map<string, number>();
  const result = new Map<string, string>();
  for (const name of names) {
    const base = secretEnvNameFor(name);
    const count = (used.get(base) ?? 0) + 1;
    used.set(base, count);
    result.set(name, count === 1 ? base : `${base}_${count}`);
  }
  return result;
}

/** Active connections, all or those named (case-insensitive); an unknown name is refused. Drafts are not exported. */
export async function exportConnections(options: {
  names?: string[];
  connectionIds?: string[];
}): Promise<ConnectionsFile> {
  const keys = options.names?.map(connectionNameKey);
  const rows = await db.connection.findMany({
    where: {
      status: "ACTIVE",
      ...(keys ? { nameKey: { in: keys } } : {}),
      ...(options.connectionIds ? { id: { in: options.connectionIds } } : {}),
    },
  });
  if (keys) {
    const found = new Set(rows.map((row) => row.nameKey));
    const missing = options.names?.filter((name) => !found.has(connectionNameKey(name))) ?? [];
    if (missing.length) throw new ApplicationError(`No active connection named ${missing.join(", ")}.`, "not_found");
  }
  rows.sort(byName);
  const envNames = envNamesFor(rows.map((row) => row.name));
  return {
    version: CONNECTIONS_FILE_VERSION,
    connections: rows.map((row) => entryOf(row, envNames.get(row.name) ?? secretEnvNameFor(row.name))),
  };
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return Object.fromEntries(keys.map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  return value;
}

function orderedEntry(entry: ConnectionEntry): Record<string, unknown> {
  const known = ENTRY_KEYS.filter((key) => entry[key] !== undefined);
  const rest = Object.keys(entry)
    .filter((key) => !ENTRY_KEYS.includes(key))
    .sort();
  return Object.fromEntries([...known, ...rest].map((key) => [key, canonical(entry[key])]));
}

/** The file as text: the same file always gives the same bytes. */
export function formatConnectionsFile(file: ConnectionsFile, format: "json" | "yaml"): string {
  const ordered = { version: file.version, connections: [...file.connections].sort(byName).map(orderedEntry) };
  return format === "yaml" ? stringify(ordered, { lineWidth: 0 }) : `${JSON.stringify(ordered, null, 2)}\n`;
}
