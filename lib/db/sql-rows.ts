/**
 * One statement for many rows: `head (?, ?), (?, ?)… tail`, every value a bound parameter, so a
 * batch costs one round trip and one engine call instead of one per row. `wrap` puts text around
 * the placeholder of a column (a cast PostgreSQL needs where no column gives the value its type).
 */
import type { SqlStatement, SqlValue } from "@/lib/db/sql-statement";
import { currentDatabaseKind } from "@/lib/config/database-url";

/** Rows per statement: far below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
export const ROWS_PER_STATEMENT = 500;

export function sqlWithRows(
  head: string,
  rows: readonly SqlValue[][],
  tail: string,
  wrap: (column: number) => readonly [string, string] = () => ["", ""],
): SqlStatement {
  const strings: string[] = [];
  const values: SqlValue[] = [];
  let text = head;
  rows.forEach((row, r) => {
    text += r === 0 ? "(" : ", (";
    row.forEach((value, c) => {
      const [before, after] = wrap(c);
      strings.push(`${text}${c === 0 ? "" : ", "}${before}`);
      values.push(value);
      text = after;
    });
    text += ")";
  });
  strings.push(text + tail);
  return { strings, values };
}

/** `items` in slices of `size`. */
export function chunksOf<T>(items: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/**
 * sqlWithRows' `wrap` for rows whose `column` holds a time: in a VALUES list nothing types the time
 * for PostgreSQL, so it is cast to the columns' type there.
 */
export function castTimeColumn(column: number): (c: number) => readonly [string, string] {
  const cast = currentDatabaseKind() === "postgresql";
  return (c) => (c === column && cast ? ["CAST(", " AS timestamp(3))"] : ["", ""]);
}
