/**
 * How a connection field is stored: which columns it occupies, how a stored row reads back as the
 * form's value (JSON text parsed and validated here, once), what a validated value writes, and
 * what the audit trail compares.
 */
import type { z } from "zod";
import type { Connection } from "@/lib/db/generated/client";
import { parseJsonColumn } from "@/lib/db/json-column";

export type ConnectionColumn = keyof Connection;

export type FieldCodec<FormValue, InputValue> = {
  /** The columns the field occupies, copied as they are when a connection is duplicated. */
  columns: readonly ConnectionColumn[];
  /** The form's value for a stored row. */
  read(row: Connection): FormValue;
  /** The columns a validated value writes. */
  write(value: InputValue): Partial<Record<ConnectionColumn, unknown>>;
  /** What audit diffs compare for this field. */
  audit(row: Connection): unknown;
};

type ColumnOf<T> = { [K in ConnectionColumn]: Connection[K] extends T ? K : never }[ConnectionColumn];

/** A required text, number or boolean column, stored as it is typed. */
export function plain<K extends ColumnOf<string> | ColumnOf<number> | ColumnOf<boolean>>(
  column: K,
): FieldCodec<Connection[K], Connection[K]> {
  return {
    columns: [column],
    read: (row) => row[column],
    write: (value) => ({ [column]: value }),
    audit: (row) => row[column],
  };
}

/** An optional text column: empty in the form, null when stored. */
export function optionalText<K extends ColumnOf<string | null>>(column: K): FieldCodec<string, string | null> {
  return {
    columns: [column],
    read: (row) => (row[column] as string | null) ?? "",
    write: (value) => ({ [column]: value || null }),
    audit: (row) => row[column],
  };
}

/** One of a fixed list; a stored value outside it (an older version's) reads as the fallback. */
export function choice<const T extends string, K extends ColumnOf<string>>(
  column: K,
  list: readonly T[],
  fallback: T,
): FieldCodec<T, T> {
  const read = (row: Connection): T =>
    (list as readonly string[]).includes(row[column] as string) ? (row[column] as T) : fallback;
  return { columns: [column], read, write: (value) => ({ [column]: value }), audit: (row) => row[column] };
}

/** JSON in a text column, validated by its schema on the way out of the database. */
export function json<S extends z.ZodType, K extends ColumnOf<string> | ColumnOf<string | null>>(
  column: K,
  schema: S,
  empty: z.output<S>,
): FieldCodec<z.output<S>, z.output<S>> {
  const read = (row: Connection): z.output<S> => parseJsonColumn(row[column] as string | null, schema) ?? empty;
  return {
    columns: [column],
    read,
    write: (value) => ({ [column]: value === null ? null : JSON.stringify(value) }),
    audit: read,
  };
}
