/**
 * Mapping between a stored Connection row and what the console works with, derived from the
 * field registry (connection-fields.ts): form values (the secret is never among them), the
 * read-only view of the detail page, the snapshot audit diffs compare, the columns a validated
 * input writes and the columns a duplicate copies.
 */
import type { Connection } from "@/lib/db/generated/client";
import type { ConnectionDraftInput, ConnectionFormValues } from "@/lib/schemas/connection";
import {
  CONNECTION_FIELD_NAMES,
  CONNECTION_FIELDS,
  type ConnectionFieldName,
} from "@/lib/connections/connection-fields";
import type { FieldCodec } from "@/lib/connections/field-codecs";
import { dpopKeyFactsOf } from "@/lib/connections/connection-dpop-key";

// One codec type for every field, so the loops below can call any of them.
const codecOf = (name: ConnectionFieldName) => CONNECTION_FIELDS[name].codec as FieldCodec<unknown, unknown>;

/** Form values of a stored connection. The secret field is always empty: it is write-only. */
export function connectionFormValuesFrom(row: Connection): ConnectionFormValues {
  return Object.fromEntries(
    CONNECTION_FIELD_NAMES.map((name) => [name, codecOf(name).read(row)]),
  ) as ConnectionFormValues;
}

/** Columns written for validated input; the client secret is sealed separately (it needs the row id). */
export function connectionColumnsFrom(input: ConnectionDraftInput): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const name of CONNECTION_FIELD_NAMES) {
    const value = input[name];
    if (value !== undefined) Object.assign(columns, codecOf(name).write(value));
  }
  return columns;
}

/** The stored columns a duplicate starts from: every field marked for copying, as stored. */
export function duplicatedColumnsOf(row: Connection): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const name of CONNECTION_FIELD_NAMES) {
    if (!CONNECTION_FIELDS[name].duplicate) continue;
    for (const column of codecOf(name).columns) columns[column] = row[column];
  }
  return columns;
}

/** Fields whose values never appear in audit details, only the fact that they changed. */
export const SECRET_AUDIT_FIELDS = CONNECTION_FIELD_NAMES.filter((name) => "secret" in CONNECTION_FIELDS[name]);

function auditNameOf(name: ConnectionFieldName): string {
  const spec: { auditName?: string } = CONNECTION_FIELDS[name];
  return spec.auditName ?? name;
}

/** What audit diffs compare: every field (a secret as ciphertext, reported only as changed) plus the lifecycle. */
export function auditSnapshotOf(row: Connection): Record<string, unknown> {
  return {
    status: row.status,
    enabled: row.enabled,
    ...Object.fromEntries(CONNECTION_FIELD_NAMES.map((name) => [auditNameOf(name), codecOf(name).audit(row)])),
    // The DPoP key is audited by its thumbprint only (RFC 9449 §6), never its private part.
    ...(dpopKeyFactsOf(row) ? { dpopKeyJkt: dpopKeyFactsOf(row)!.jkt } : {}),
  };
}

/** The latest saved values (never the secret), so a form in conflict can show what changed. */
export type ConnectionSnapshot = {
  values: ConnectionFormValues;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
  hasClientSecret: boolean;
  clientSecretLast4: string | null;
};

export function connectionSnapshotFrom(row: Connection & { updatedBy?: { email: string } | null }): ConnectionSnapshot {
  return {
    values: connectionFormValuesFrom(row),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy?.email ?? null,
    hasClientSecret: Boolean(row.clientSecretEncrypted),
    clientSecretLast4: row.clientSecretEncrypted ? row.clientSecretLast4 : null,
  };
}

/** Everything the console may show about a connection; no secret material, not even ciphertext. */
export type ConnectionView = ConnectionFormValues & {
  id: string;
  status: string;
  enabled: boolean;
  draftStep: number;
  health: string;
  lastTestedAt: string | null;
  nextCheckAt: string | null;
  lastCheckAt: string | null;
  hasClientSecret: boolean;
  clientSecretLast4: string | null;
  clientSecretSetAt: string | null;
  discoveredAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  updatedBy: string | null;
};

export function connectionViewFrom(
  row: Connection & { createdBy?: { email: string } | null; updatedBy?: { email: string } | null },
): ConnectionView {
  return {
    ...connectionFormValuesFrom(row),
    id: row.id,
    status: row.status,
    enabled: row.enabled,
    draftStep: row.draftStep,
    health: row.health,
    lastTestedAt: row.lastTestedAt?.toISOString() ?? null,
    nextCheckAt: row.nextCheckAt?.toISOString() ?? null,
    lastCheckAt: row.lastCheckAt?.toISOString() ?? null,
    hasClientSecret: Boolean(row.clientSecretEncrypted),
    clientSecretLast4: row.clientSecretEncrypted ? row.clientSecretLast4 : null,
    clientSecretSetAt: row.clientSecretSetAt?.toISOString() ?? null,
    discoveredAt: row.discoveredAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    createdBy: row.createdBy?.email ?? null,
    updatedBy: row.updatedBy?.email ?? null,
  };
}
