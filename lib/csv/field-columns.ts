/**
 * CSV columns that show a row's own fields as they are, from one map of header to field name (in
 * column order), so a layout of plain fields needs no accessor per column.
 */
import type { CsvColumn, CsvValue } from "@/lib/csv/format-csv";

/** The fields of a row whose values a CSV cell can hold. */
type CsvField<Row> = { [Field in keyof Row & string]: Row[Field] extends CsvValue ? Field : never }[keyof Row & string];

export function fieldColumns<Row>(fields: Record<string, CsvField<Row>>): CsvColumn<Row>[] {
  return Object.entries(fields).map(([header, field]) => [header, (row: Row) => row[field] as CsvValue]);
}
