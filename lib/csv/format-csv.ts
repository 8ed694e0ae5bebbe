/**
 * CSV per RFC 4180: fields holding a comma, quote, CR or LF are quoted and quotes doubled; lines
 * end with CRLF (RFC 4180 §2). Audit data holds attacker-typed values such as the email of a
 * failed sign-in or a user agent, so any text a spreadsheet could read as a formula is defused
 * (OWASP "CSV injection"): a leading apostrophe, and the cell is always quoted.
 */
export type CsvValue = string | number | boolean | null | undefined | Date;

/**
 * A formula trigger (= + - @, their full-width forms that some locales accept, or a DDE pipe)
 * after any leading whitespace, control characters or quotes, which spreadsheets skip or trim;
 * or a cell that starts with a tab, CR or LF.
 */
const FORMULA_LIKE = /^(?:[\s\p{Cc}\p{Cf}"'\u3000]*[=+\-@|\uFF1D\uFF0B\uFF0D\uFF20\uFF5C]|[\t\r\n])/u;
const NEEDS_QUOTES = /[",\r\n]/;

function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** An ASCII letter or digit: no formula trigger can start the cell, so the pattern need not run. */
function startsPlain(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function formatCsvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== "string") return String(value);
  if (!startsPlain(value) && FORMULA_LIKE.test(value)) return quote(`'${value}`);
  return NEEDS_QUOTES.test(value) ? quote(value) : value;
}

export function formatCsvLine(values: readonly CsvValue[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) line += (i === 0 ? "" : ",") + formatCsvCell(values[i]);
  return `${line}\r\n`;
}

/** One column of a CSV layout: its header beside the value a row gives it, so the two cannot drift apart. */
export type CsvColumn<Row> = readonly [header: string, value: (row: Row) => CsvValue];

/** A CSV layout: the header line and a line per row, from one list of columns. */
export function defineCsvLayout<Row>(columns: readonly CsvColumn<Row>[]) {
  const headers = columns.map(([header]) => header);
  return {
    headers,
    headerLine: () => formatCsvLine(headers),
    line: (row: Row) => formatCsvLine(columns.map(([, value]) => value(row))),
  };
}
