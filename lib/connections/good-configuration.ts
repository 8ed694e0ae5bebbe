/**
 * A connection's last good configuration (#20): the protocol settings its last successful test
 * ran with, kept as stored columns (the client secret still sealed, never opened here). While the
 * current configuration differs from it, token refreshes run with it, so an untested edit cannot
 * break the bots, and failures list the fields that changed since, each revertible. Without a
 * successful test there is nothing to fall back to and the current configuration is used.
 */
import type { Connection, ConnectionGoodConfiguration } from "@/lib/db/generated/client";
import { prisma, type Db, type Tx } from "@/lib/db/prisma";
import { sql, type SqlRunner } from "@/lib/db/raw-sql";
import { CONNECTION_FIELDS, type ConnectionFieldName } from "@/lib/connections/connection-fields";
import type { FieldCodec } from "@/lib/connections/field-codecs";
import { PROTOCOL_FIELDS, type ProtocolField } from "@/lib/connections/protocol-fields";

/** The sealed secret travels with its hint, date and binding, exactly as the connection stores them. */
const SECRET_COLUMNS = [
  "clientSecretEncrypted",
  "clientSecretLast4",
  "clientSecretSetAt",
  "clientSecretOrigin",
] as const;

// When metadata was imported is a timestamp, not configuration.
const IGNORED_COLUMNS = new Set(["discoveredAt"]);

type StoredColumns = Record<string, unknown>;

const codecOf = (name: ConnectionFieldName) => CONNECTION_FIELDS[name].codec as FieldCodec<unknown, unknown>;

/** The stored columns of one protocol field (the secret's sealed columns for the secret). */
function columnsOfField(row: StoredColumns, field: ProtocolField): StoredColumns {
  const names =
    field === "clientSecret" ? SECRET_COLUMNS : codecOf(field).columns.filter((column) => !IGNORED_COLUMNS.has(column));
  return Object.fromEntries(names.map((column) => [column, row[column] ?? null]));
}

function nonSecretColumnsOf(row: Connection): StoredColumns {
  return Object.assign(
    {},
    ...PROTOCOL_FIELDS.filter((field) => field !== "clientSecret").map((field) => columnsOfField(row, field)),
  );
}

/** The good configuration's columns, as a partial Connection row. */
export function goodColumnsOf(good: ConnectionGoodConfiguration): Partial<Connection> {
  const columns = JSON.parse(good.columns) as StoredColumns;
  return {
    ...columns,
    clientSecretEncrypted: good.clientSecretEncrypted,
    clientSecretLast4: good.clientSecretLast4,
    clientSecretSetAt: good.clientSecretSetAt,
    clientSecretOrigin: good.clientSecretOrigin,
  } as Partial<Connection>;
}

/** What `field` would write to go back to its value in the good configuration. */
export function goodColumnsOfField(good: ConnectionGoodConfiguration, field: ProtocolField): Partial<Connection> {
  return columnsOfField(goodColumnsOf(good), field) as Partial<Connection>;
}

function differs(a: StoredColumns, b: StoredColumns, field: ProtocolField): boolean {
  const before = columnsOfField(a, field);
  const after = columnsOfField(b, field);
  // The secret changed when its ciphertext did; its hint and date follow.
  if (field === "clientSecret") return before.clientSecretEncrypted !== after.clientSecretEncrypted;
  return JSON.stringify(before) !== JSON.stringify(after);
}

/** A field changed since the last successful test; a secret (or a whole metadata document) has no value to show. */
export type FieldChange = { field: ProtocolField; label: string; before: string | null; after: string | null };

export function changesSinceGoodTest(connection: Connection, good: ConnectionGoodConfiguration | null): FieldChange[] {
  if (!good) return [];
  const goodRow = { ...connection, ...goodColumnsOf(good) } as Connection;
  return PROTOCOL_FIELDS.filter((field) => differs(goodRow, connection, field)).map((field) => {
    const shown = field !== "clientSecret" && field !== "discoveryMetadata";
    return {
      field,
      label: CONNECTION_FIELDS[field].label,
      before: shown ? shownValue(codecOf(field).read(goodRow)) : null,
      after: shown ? shownValue(codecOf(field).read(connection)) : null,
    };
  });
}

function shownValue(value: unknown): string {
  if (Array.isArray(value)) {
    return value
      .map((item: unknown) =>
        typeof item === "object" && item && "key" in item && "value" in item
          ? `${String(item.key)}=${String(item.value)}`
          : String(item),
      )
      .join(" ");
  }
  return value === null || value === undefined ? "" : String(value);
}

/**
 * The configuration token refreshes run with: the connection itself, or with untested changes the
 * last good configuration's protocol settings (everything else, such as the refresh margin, stays current).
 */
export function configurationForRefresh(connection: Connection, good: ConnectionGoodConfiguration | null): Connection {
  if (changesSinceGoodTest(connection, good).length === 0) return connection;
  return { ...connection, ...goodColumnsOf(good!) };
}

export function findGoodConfiguration(db: Db | Tx, connectionId: string): Promise<ConnectionGoodConfiguration | null> {
  return db.connectionGoodConfiguration.findUnique({ where: { connectionId } });
}

export async function loadConfigurationForRefresh(db: Db | Tx, connection: Connection): Promise<Connection> {
  return configurationForRefresh(connection, await findGoodConfiguration(db, connection.id));
}

/** Identifies a configuration for caches of what was built from it (lib/tokens/request-new-tokens.ts). */
export function configurationKey(connection: Connection): string {
  return JSON.stringify([nonSecretColumnsOf(connection), connection.clientSecretEncrypted]);
}

/** A successful test makes the configuration it ran with the good one, in the test's own transaction. */
export async function recordGoodConfiguration(
  runner: SqlRunner,
  connection: Connection,
  testRunId: string,
  testedAt: Date,
): Promise<void> {
  const columns = JSON.stringify(nonSecretColumnsOf(connection));
  const { clientSecretEncrypted, clientSecretLast4, clientSecretSetAt, clientSecretOrigin } = connection;
  await runner.execute(sql`INSERT INTO "ConnectionGoodConfiguration" ("connectionId", "columns", "clientSecretEncrypted", "clientSecretLast4",
    "clientSecretSetAt", "clientSecretOrigin", "testRunId", "testedAt")
    VALUES (${connection.id}, ${columns}, ${clientSecretEncrypted}, ${clientSecretLast4}, ${clientSecretSetAt}, ${clientSecretOrigin}, ${testRunId}, ${testedAt})
    ON CONFLICT ("connectionId") DO UPDATE SET "columns" = ${columns}, "clientSecretEncrypted" = ${clientSecretEncrypted},
    "clientSecretLast4" = ${clientSecretLast4}, "clientSecretSetAt" = ${clientSecretSetAt}, "clientSecretOrigin" = ${clientSecretOrigin},
    "testRunId" = ${testRunId}, "testedAt" = ${testedAt}`);
}

/** `version` is the connection's, for a revert made from this page. */
export type UntestedChanges = { changes: FieldChange[]; testRunId: string; testedAt: Date; version: number };

/** What changed since the last successful test, for the connection's page and failed test results; null when nothing did. */
export async function loadUntestedChanges(connectionId: string): Promise<UntestedChanges | null> {
  const row = await prisma.connection.findUnique({ where: { id: connectionId }, include: { goodConfiguration: true } });
  if (!row?.goodConfiguration) return null;
  const { goodConfiguration: good, ...connection } = row;
  const changes = changesSinceGoodTest(connection, good);
  return changes.length
    ? { changes, testRunId: good.testRunId, testedAt: good.testedAt, version: connection.version }
    : null;
}

/** Whether a test of the connection has ever passed, so refreshes have a tested configuration to keep. */
export async function hasTestedConfiguration(connectionId: string): Promise<boolean> {
  return (await prisma.connectionGoodConfiguration.count({ where: { connectionId } })) > 0;
}
