/**
 * A CSV line rendered by the database, by the rules of lib/csv/format-csv.ts, for exports of
 * millions of rows: one string a row instead of a value per column. The database renders only
 * lines whose text cells all start plain (or are empty); for any other line the expression is
 * NULL and the caller formats the row in JavaScript, where the formula pattern runs.
 */
import type { DatabaseKind } from "@/lib/config/database-url";
import { PLAIN_FIRST_CHARACTERS } from "@/lib/csv/format-csv";

/** A column of the line: an SQL expression, and whether it is text (else already rendered, never quoted). */
export type CsvSqlColumn = { sql: string; text: boolean };

const SQL_FUNCTIONS = {
  sqlite: { contains: (text: string, part: string) => `instr(${text}, ${part}) > 0`, char: "char" },
  postgresql: { contains: (text: string, part: string) => `strpos(${text}, ${part}) > 0`, char: "chr" },
};

/** The line with its CRLF (RFC 4180 §2), or NULL where a text cell does not start plain. */
export function csvLineSql(columns: readonly CsvSqlColumn[], kind: DatabaseKind): string {
  const { contains, char } = SQL_FUNCTIONS[kind];
  const plainList = `'${PLAIN_FIRST_CHARACTERS}'`;
  const cells = columns.map(({ sql, text }) => {
    if (!text) return sql;
    const needsQuotes = [`'"'`, `','`, `${char}(13)`, `${char}(10)`].map((part) => contains(sql, part)).join(" OR ");
    return `CASE WHEN ${sql} IS NULL THEN '' WHEN ${needsQuotes} THEN '"' || replace(${sql}, '"', '""') || '"' ELSE ${sql} END`;
  });
  const plain = columns
    .filter(({ text }) => text)
    .map(({ sql }) => `(${sql} IS NULL OR ${sql} = '' OR ${contains(plainList, `substr(${sql}, 1, 1)`)})`)
    .join(" AND ");
  return `CASE WHEN ${plain} THEN ${cells.join(` || ',' || `)} || ${char}(13) || ${char}(10) END`;
}
