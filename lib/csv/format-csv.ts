/**
 * CSV per RFC 4180: fields holding a comma, quote, CR or LF are quoted and quotes doubled; lines
 * end with CRLF (RFC 4180 §2). Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR
 * at the start) gets a leading apostrophe: audit data holds attacker-typed values such as the
 * email of a failed sign-in or a user agent (OWASP "CSV injection").
 */
export type CsvValue = string | number | boolean | null | undefined | Date;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function formatCsvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== "string") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function formatCsvLine(values: readonly CsvValue[]): string {
  return `${values.map(formatCsvCell).join(",")}\r\n`;
}
